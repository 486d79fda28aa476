import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarDate, addDays, calendarDate, calendarDateOf, nextDay } from '../../../functions/domain/calendar-date.js';
import { SERVICE_CYCLES, addMonthsOnAnchor, dayOfMonth, formatPeriod, nextDueDate, periodFrom } from '../../../functions/domain/service-cycle.js';
import { runs } from './property-runs.js';

const d = calendarDate;
const step = (from: string, cycle: 'monthly' | 'quarterly' | 'yearly', times: number) => {
  const dates = [d(from)];
  for (let i = 0; i < times; i++) dates.push(nextDueDate(dates.at(-1)!, cycle, dayOfMonth(d(from))));
  return dates;
};

describe('Service cycles', () => {
  it('keeps a service started on the 31st at the end of every month', () => {
    expect(step('2027-01-31', 'monthly', 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    expect(step('2028-01-31', 'monthly', 2)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31']);
  });

  it('bills a yearly service started on 29 February on 28 February in other years, and 29 February in leap years', () => {
    expect(step('2028-02-29', 'yearly', 4)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
  });

  it('moves a quarterly service three months at a time, across the year', () => {
    expect(step('2026-11-30', 'quarterly', 3)).toEqual(['2026-11-30', '2027-02-28', '2027-05-30', '2027-08-30']);
  });

  it('covers from the due date to the day before the next one', () => {
    expect(periodFrom(d('2027-01-01'), 'monthly', 1)).toEqual({ start: '2027-01-01', end: '2027-01-31' });
    expect(periodFrom(d('2027-01-31'), 'monthly', 31)).toEqual({ start: '2027-01-31', end: '2027-02-27' });
    expect(periodFrom(d('2028-02-29'), 'yearly', 29)).toEqual({ start: '2028-02-29', end: '2029-02-27' });
  });

  it('writes a period as the invoice line shows it, the year once when both ends share it', () => {
    expect(formatPeriod({ start: d('2027-01-01'), end: d('2027-01-31') })).toBe('1 Jan – 31 Jan 2027');
    expect(formatPeriod({ start: d('2026-12-15'), end: d('2027-01-14') })).toBe('15 Dec 2026 – 14 Jan 2027');
  });

  const startDate = fc.integer({ min: 0, max: 200 * 365 }).map((n) => calendarDateOf(new Date(Date.UTC(1950, 0, 1) + n * 86_400_000)));
  const cycle = fc.constantFrom(...SERVICE_CYCLES);

  it('n cycles forward, the periods tile time: each starts the day after the last ended, none is empty', () => {
    fc.assert(fc.property(startDate, cycle, fc.integer({ min: 1, max: 60 }), (start, c, n) => {
      const anchor = dayOfMonth(start);
      let due: CalendarDate = start;
      for (let i = 0; i < n; i++) {
        const period = periodFrom(due, c, anchor);
        expect(period.start).toBe(due);
        expect(period.end >= period.start).toBe(true);
        due = nextDueDate(due, c, anchor);
        expect(nextDay(period.end)).toBe(due);
      }
    }), runs());
  });

  it('stepping k cycles one at a time lands where k cycles at once do, on the anchor day or the month’s last day', () => {
    const months = { monthly: 1, quarterly: 3, yearly: 12 } as const;
    fc.assert(fc.property(startDate, cycle, fc.integer({ min: 1, max: 60 }), (start, c, k) => {
      const anchor = dayOfMonth(start);
      let due: CalendarDate = start;
      for (let i = 0; i < k; i++) due = nextDueDate(due, c, anchor);
      const direct = addMonthsOnAnchor(start, k * months[c], anchor);
      expect(due).toBe(direct);
      const lastOfMonth = dayOfMonth(addDays(d(nextMonthStart(due)), -1));
      expect(dayOfMonth(due)).toBe(Math.min(anchor, lastOfMonth));
    }), runs());
  });
});

/** The first day of the month after `date`'s. */
function nextMonthStart(date: CalendarDate): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
