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
