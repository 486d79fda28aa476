import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, calendarDateOf, isCalendarDate } from '../../../functions/domain/calendar-date.js';
import { runs } from './property-runs.js';

describe('Calendar dates', () => {
  it.each(['2026-02-30', '2025-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-2-3', '2026-02-03T00:00:00Z', '20260203', ''])(
    'rejects %j',
    (text) => {
      expect(isCalendarDate(text)).toBe(false);
      expect(() => calendarDate(text)).toThrow(RangeError);
    },
  );

  it.each(['2024-02-29', '2026-12-31', '2026-01-01', '2000-02-29'])('accepts %s', (text) => {
    expect(calendarDate(text)).toBe(text);
  });

  it('the UTC date of any instant is a calendar date that names the same day', () => {
    const instant = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(fc.property(instant, (at) => {
      const day = calendarDateOf(at);
      expect(isCalendarDate(day)).toBe(true);
      expect(new Date(`${day}T00:00:00Z`).getTime()).toBe(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
    }), runs());
  });

  it('compares as strings in the same order as the days themselves', () => {
    const day = fc.integer({ min: 0, max: 2_900_000 }).map((d) => calendarDateOf(new Date(d * 86_400_000)));
    fc.assert(fc.property(day, day, (a, b) => {
      expect(a < b).toBe(new Date(a).getTime() < new Date(b).getTime());
    }), runs());
  });
});
