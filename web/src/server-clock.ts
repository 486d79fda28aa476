/**
 * The system's clock as the server tells it, for what "today" means in business terms (a new
 * invoice's default due date, this month's report, the day a payment arrived). The browser's own
 * clock may be wrong, and in the local runtime the clock control moves the system's clock weeks
 * ahead of it; the server's `Date` header on each answer is the system's time (the local server sets
 * it from the moved clock), so the app keeps the difference and counts from the browser's clock plus
 * that. Until an answer was read (or when a cross-origin API hides the header) the difference is 0.
 */
let offsetMs = 0;

/** Reads the server's time from an answer's `Date` header (second resolution), when it has one. */
export function learnServerTime(response: Response): void {
  const header = response.headers.get('date');
  const at = header ? Date.parse(header) : Number.NaN;
  if (!Number.isNaN(at)) offsetMs = at - Date.now();
}

/** Now, by the system's clock. */
export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/**
 * The system's date as `YYYY-MM-DD`, plus `days`: a UTC calendar day, as the server counts days
 * (due dates, reports and statements are UTC days).
 */
export function serverDay(days = 0): string {
  return new Date(serverNow().getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
