import { type CalendarDate, addDays } from './calendar-date.js';

/**
 * The overdue aging buckets of accounts receivable, as staff read them: not yet due (`current`),
 * then by whole days past the due date. Day 30 is in `1-30`, day 31 in `31-60`, day 91 in `over-90`.
 */
export const AGING_BUCKETS = ['current', '1-30', '31-60', '61-90', 'over-90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** The bucket of an amount `daysOverdue` whole days past its due date (0 or less: not overdue). */
export function agingBucketOf(daysOverdue: number): AgingBucket {
  if (daysOverdue <= 0) return 'current';
  if (daysOverdue <= 30) return '1-30';
  if (daysOverdue <= 60) return '31-60';
  if (daysOverdue <= 90) return '61-90';
  return 'over-90';
}

/**
 * The due dates of the invoices in `bucket` on `today` (calendar dates, inclusive; an open end is
 * absent): the inverse of `agingBucketOf`, so a list narrowed to it holds what the bucket counts.
 */
export function dueDatesOf(bucket: AgingBucket, today: CalendarDate): { dueFrom?: CalendarDate; dueTo?: CalendarDate } {
  const daysAgo = (days: number) => addDays(today, -days);
  switch (bucket) {
    case 'current':
      return { dueFrom: today };
    case '1-30':
      return { dueFrom: daysAgo(30), dueTo: daysAgo(1) };
    case '31-60':
      return { dueFrom: daysAgo(60), dueTo: daysAgo(31) };
    case '61-90':
      return { dueFrom: daysAgo(90), dueTo: daysAgo(61) };
    case 'over-90':
      return { dueTo: daysAgo(91) };
  }
}
