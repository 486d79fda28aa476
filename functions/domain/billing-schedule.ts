import { type CalendarDate, addDays } from './calendar-date.js';

/**
 * When an invoice's automatic work happens, as the provider set it: a reminder some days before the
 * due date, the charge on the due date, and the retries of a declined charge (dunning), each at an
 * hour of the day in the provider's time zone.
 */
export interface BillingSchedulePolicy {
  /** Days before the due date the reminder goes out (default 3); 0: no reminder. */
  readonly reminderDaysBefore: number;
  /** Days after the due date a declined charge is tried again (default 3, 5, 7). */
  readonly retryDaysAfterDue: readonly number[];
  /** The hour of the day (0–23) the work happens, in `timeZone`. */
  readonly hourOfDay: number;
  /** An IANA time zone, e.g. `Europe/Dublin`. */
  readonly timeZone: string;
}

export const DEFAULT_BILLING_SCHEDULE: BillingSchedulePolicy = {
  reminderDaysBefore: 3, retryDaysAfterDue: [3, 5, 7], hourOfDay: 9, timeZone: 'UTC',
};

/** The UTC instant of `hour`:00 on `date` in `timeZone`, daylight saving included (by Intl's tables). */
export function zonedInstant(date: CalendarDate, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  // The zone's offset at that moment: what its wall clock shows at `guess`, minus `guess`.
  const offsetAt = (instant: number) => {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
    const wall = Date.UTC(Number(parts['year']), Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
    return wall - instant;
  };
  const first = guess - offsetAt(guess);
  // Once more, in case the offset differs on either side of a change of clocks.
  return new Date(guess - offsetAt(first));
}

/** When the due date's reminder goes out; undefined when the policy sends none or it would be in the past. */
export function reminderAt(dueDate: CalendarDate, policy: BillingSchedulePolicy, now: Date): Date | undefined {
  if (policy.reminderDaysBefore <= 0) return undefined;
  const at = zonedInstant(addDays(dueDate, -policy.reminderDaysBefore), policy.hourOfDay, policy.timeZone);
  return at.getTime() > now.getTime() ? at : undefined;
}

/** When charge `step` happens: 0 on the due date, then each retry day after it; undefined after the last retry. */
export function chargeAt(dueDate: CalendarDate, step: number, policy: BillingSchedulePolicy): Date | undefined {
  const daysAfterDue = step === 0 ? 0 : policy.retryDaysAfterDue[step - 1];
  if (daysAfterDue === undefined) return undefined;
  return zonedInstant(addDays(dueDate, daysAfterDue), policy.hourOfDay, policy.timeZone);
}

