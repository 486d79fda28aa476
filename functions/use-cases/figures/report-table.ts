import { type CalendarDate, addDays } from '../../domain/calendar-date.js';
import { type CalendarMonth, addMonths, calendarDateIn, monthOf } from '../../domain/zoned-calendar.js';

/** How a report groups by time. */
export type ReportGranularity = 'day' | 'month';

/**
 * A column of a report. `money` cells are integers in minor units of the row's `currency`; `count`
 * cells are whole numbers; `text` cells are strings (the period, the currency, a method).
 */
export interface ReportColumn {
  readonly key: string;
  readonly label: string;
  readonly type: 'text' | 'money' | 'count';
}

export type ReportRow = Readonly<Record<string, string | number>>;

/** The periods from `first` to `last` (both included): each day, or each month they touch. */
export function periodsOf(first: CalendarDate, last: CalendarDate, by: ReportGranularity): string[] {
  const periods: string[] = [];
  if (by === 'day') {
    for (let day = first; day <= last; day = addDays(day, 1)) periods.push(day);
  } else {
    for (let month: CalendarMonth = monthOf(first); month <= monthOf(last); month = addMonths(month, 1)) periods.push(month);
  }
  return periods;
}

/** The period an instant (ISO 8601) falls in, on the provider's calendar. */
export function periodOf(instant: string, by: ReportGranularity, timeZone: string): string {
  const date = calendarDateIn(new Date(instant), timeZone);
  return by === 'day' ? date : monthOf(date);
}

/**
 * Sums items into rows keyed by (period, currency, and any further `group` text), in period order,
 * then by currency and group. `add` adds one item to its row's cells. Rows with nothing are left out.
 */
export function groupRows<T>(
  items: readonly T[],
  keyOf: (item: T) => { period: string; currency: string; group?: Record<string, string> } | undefined,
  add: (cells: Record<string, number>, item: T) => void,
  periods: readonly string[],
): ReportRow[] {
  const order = new Map(periods.map((p, i) => [p, i]));
  const rows = new Map<string, { sortKey: [number, string]; row: Record<string, string | number> }>();
  for (const item of items) {
    const key = keyOf(item);
    if (!key || !order.has(key.period)) continue;
    const id = JSON.stringify([key.period, key.currency, key.group ?? {}]);
    let entry = rows.get(id);
    if (!entry) {
      entry = { sortKey: [order.get(key.period)!, id], row: { period: key.period, currency: key.currency, ...key.group } };
      rows.set(id, entry);
    }
    add(entry.row as Record<string, number>, item);
  }
  return [...rows.values()]
    .sort((a, b) => a.sortKey[0] - b.sortKey[0] || a.sortKey[1].localeCompare(b.sortKey[1]))
    .map((e) => e.row);
}

/** Adds `amount` to a numeric cell (absent: 0). */
export const addTo = (cells: Record<string, number>, key: string, amount: number): void => {
  cells[key] = (cells[key] ?? 0) + amount;
};
