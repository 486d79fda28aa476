import { type CalendarDate, addDays, calendarDate } from './calendar-date.js';
import { zonedInstant } from './billing-schedule.js';

/** A calendar month, `YYYY-MM`. Months compare as strings because the format is fixed-width. */
export type CalendarMonth = string & { readonly __brand: 'CalendarMonth' };

/**
 * The calendar date an instant falls on in `timeZone` (an IANA zone such as `Europe/Dublin`): the
 * date the provider's staff would write on it. Reports and the dashboard count days and months this
 * way, so a payment at 23:30 in Dublin on 31 March counts in March even in summer time.
 */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  // en-CA formats as YYYY-MM-DD.
  const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return calendarDate(text);
}

/** The month of a calendar date. */
export const monthOf = (date: CalendarDate): CalendarMonth => date.slice(0, 7) as CalendarMonth;

/** The first day of a month. */
export const firstDayOf = (month: CalendarMonth): CalendarDate => calendarDate(`${month}-01`);

/** The month `count` months after `month` (negative: before), across years. */
export function addMonths(month: CalendarMonth, count: number): CalendarMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12).toString().padStart(4, '0')}-${((index % 12) + 1).toString().padStart(2, '0')}` as CalendarMonth;
}

/** The instant a calendar date begins in `timeZone` (its midnight, daylight saving included). */
export const startOfDayIn = (date: CalendarDate, timeZone: string): Date => zonedInstant(date, 0, timeZone);

/**
 * The instants `[from, to)` that the calendar dates `first` to `last`, both included, cover in
 * `timeZone`: what a query on timestamps must read for a date range.
 */
export function instantsOfDates(first: CalendarDate, last: CalendarDate, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDayIn(first, timeZone), to: startOfDayIn(addDays(last, 1), timeZone) };
}

/** Whole calendar days from `earlier` to `later` (negative when `later` is before). */
export const daysBetween = (earlier: CalendarDate, later: CalendarDate): number =>
  Math.round((Date.parse(later) - Date.parse(earlier)) / 86_400_000);
