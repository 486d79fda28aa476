import { type CalendarDate, addDays } from './calendar-date.js';

/** How often a service is billed. */
export const SERVICE_CYCLES = ['monthly', 'quarterly', 'yearly'] as const;
export type ServiceCycle = (typeof SERVICE_CYCLES)[number];

/** How many months one cycle is; each divides 12, so a year holds a whole number of cycles. */
export const MONTHS_PER_CYCLE: Readonly<Record<ServiceCycle, number>> = { monthly: 1, quarterly: 3, yearly: 12 };

/** The stretch of days one invoice of a service pays for: `start` to `end`, both included. */
export interface ServicePeriod {
  readonly start: CalendarDate;
  readonly end: CalendarDate;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The date `months` months after `date`'s month, on the service's anchor day, or on the month's
 * last day when the month is shorter: with anchor day 31, 31 Jan → 28 (or 29) Feb → 31 Mar; with
 * anchor 29 in February, 29 Feb 2028 → 28 Feb 2029 → … → 29 Feb 2032. Measuring every step from the
 * anchor day (not from the last date) is what stops a short month from pulling later dates earlier.
 * @param anchorDay the day of the month the service started on, 1–31
 */
export function addMonthsOnAnchor(date: CalendarDate, months: number, anchorDay: number): CalendarDate {
  if (!Number.isInteger(anchorDay) || anchorDay < 1 || anchorDay > 31) throw new RangeError(`Anchor day must be 1–31, got ${anchorDay}`);
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(anchorDay, daysInMonth(year, month)))}` as CalendarDate;
}

/** The due date one cycle after `dueDate`, kept on `anchorDay` (see addMonthsOnAnchor). */
export function nextDueDate(dueDate: CalendarDate, cycle: ServiceCycle, anchorDay: number): CalendarDate {
  return addMonthsOnAnchor(dueDate, MONTHS_PER_CYCLE[cycle], anchorDay);
}

/**
 * What the invoice due on `dueDate` pays for: services are billed in advance, so the period starts on
 * the due date and ends the day before the next one. Consecutive periods therefore meet exactly.
 */
export function periodFrom(dueDate: CalendarDate, cycle: ServiceCycle, anchorDay: number): ServicePeriod {
  return { start: dueDate, end: addDays(nextDueDate(dueDate, cycle, anchorDay), -1) };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function dayMonth(date: CalendarDate): { text: string; year: string } {
  const [y, m, d] = date.split('-') as [string, string, string];
  return { text: `${Number(d)} ${MONTH_NAMES[Number(m) - 1]}`, year: y };
}

/**
 * A period as an invoice line states it, the year written once when both ends share it:
 * `1 Jan – 31 Jan 2027`, `29 Feb 2028 – 27 Feb 2029`. The line's description carries it, so the
 * invoice page, its PDF and its emails all print the same words.
 */
export function formatPeriod(period: ServicePeriod): string {
  const from = dayMonth(period.start);
  const to = dayMonth(period.end);
  return from.year === to.year ? `${from.text} – ${to.text} ${to.year}` : `${from.text} ${from.year} – ${to.text} ${to.year}`;
}

/** The day of the month of a date, as a new service's anchor day. */
export const dayOfMonth = (date: CalendarDate): number => Number(date.slice(8, 10));
