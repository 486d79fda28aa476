/** The overdue aging buckets (functions/domain/aging.ts) as staff read them, in order. */
export const AGING_LABELS = [
  ['current', 'Not yet due'], ['1-30', '1–30 days overdue'], ['31-60', '31–60 days overdue'], ['61-90', '61–90 days overdue'], ['over-90', 'Over 90 days overdue'],
] as const;
