import { describe, expect, it } from 'vitest';
import { DEFAULT_BILLING_SCHEDULE, chargeAt, reminderAt, zonedInstant } from '../../../functions/domain/billing-schedule.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';

describe('When an invoice’s automatic work happens', () => {
  it.each([
    ['UTC', '2026-03-10', '2026-03-10T09:00:00.000Z'],
    ['Europe/Dublin', '2026-01-15', '2026-01-15T09:00:00.000Z'], // winter: UTC+0
    ['Europe/Dublin', '2026-07-15', '2026-07-15T08:00:00.000Z'], // summer: UTC+1
    ['America/New_York', '2026-03-08', '2026-03-08T13:00:00.000Z'], // the day clocks go forward, 09:00 EDT
    ['America/New_York', '2026-11-01', '2026-11-01T14:00:00.000Z'], // the day clocks go back, 09:00 EST
    ['Asia/Kolkata', '2026-05-01', '2026-05-01T03:30:00.000Z'],
    ['Pacific/Auckland', '2026-12-31', '2026-12-30T20:00:00.000Z'],
  ])('puts 09:00 in %s on %s at %s', (zone, date, instant) => {
    expect(zonedInstant(calendarDate(date), 9, zone).toISOString()).toBe(instant);
  });

  it('reminds 3 days before the due date, and not at all when that has passed or the provider turned it off', () => {
    const due = calendarDate('2026-12-10');
    expect(reminderAt(due, DEFAULT_BILLING_SCHEDULE, new Date('2026-12-01T00:00:00Z'))?.toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(reminderAt(due, DEFAULT_BILLING_SCHEDULE, new Date('2026-12-08T00:00:00Z'))).toBeUndefined();
    expect(reminderAt(due, { ...DEFAULT_BILLING_SCHEDULE, reminderDaysBefore: 0 }, new Date('2026-12-01T00:00:00Z'))).toBeUndefined();
  });

  it('charges on the due date, then retries 3, 5 and 7 days after it, and no more', () => {
    const due = calendarDate('2027-02-26');
    expect([0, 1, 2, 3, 4].map((step) => chargeAt(due, step, DEFAULT_BILLING_SCHEDULE)?.toISOString())).toEqual([
      '2027-02-26T09:00:00.000Z', '2027-03-01T09:00:00.000Z', '2027-03-03T09:00:00.000Z', '2027-03-05T09:00:00.000Z', undefined,
    ]);
  });
});
