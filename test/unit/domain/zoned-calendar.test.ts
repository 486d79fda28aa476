import { describe, expect, it } from 'vitest';
import { agingBucketOf } from '../../../functions/domain/aging.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { type CalendarMonth, addMonths, calendarDateIn, instantsOfDates } from '../../../functions/domain/zoned-calendar.js';

describe('The provider’s calendar', () => {
  it('puts an instant on the date its time zone shows, daylight saving included', () => {
    expect(calendarDateIn(new Date('2026-03-31T23:30:00Z'), 'Europe/Dublin')).toBe('2026-04-01'); // summer time
    expect(calendarDateIn(new Date('2026-01-31T23:30:00Z'), 'Europe/Dublin')).toBe('2026-01-31');
    expect(calendarDateIn(new Date('2026-12-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-30');
    expect(calendarDateIn(new Date('2026-12-01T04:00:00Z'), 'UTC')).toBe('2026-12-01');
  });

  it('counts months across years', () => {
    expect(addMonths('2026-11' as CalendarMonth, -12)).toBe('2025-11');
    expect(addMonths('2026-12' as CalendarMonth, 1)).toBe('2027-01');
    expect(addMonths('2026-01' as CalendarMonth, -1)).toBe('2025-12');
  });

  it('covers a date range from the first day’s midnight to the midnight after the last, in the zone', () => {
    const { from, to } = instantsOfDates(calendarDate('2026-11-01'), calendarDate('2026-11-30'), 'America/New_York');
    expect(from.toISOString()).toBe('2026-11-01T04:00:00.000Z'); // still summer time
    expect(to.toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });
});

describe('Aging buckets', () => {
  it('puts days past due in the bucket staff expect, at every boundary', () => {
    expect([-3, 0, 1, 30, 31, 60, 61, 90, 91, 400].map(agingBucketOf)).toEqual([
      'current', 'current', '1-30', '1-30', '31-60', '31-60', '61-90', '61-90', 'over-90', 'over-90',
    ]);
  });
});
