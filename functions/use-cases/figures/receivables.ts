import { AGING_BUCKETS, type AgingBucket, agingBucketOf } from '../../domain/aging.js';
import type { CalendarDate } from '../../domain/calendar-date.js';
import type { Invoice } from '../../domain/invoice.js';
import { daysBetween } from '../../domain/zoned-calendar.js';

/** What is owed in one currency: in all, and by how overdue (amounts in minor units). */
export interface CurrencyReceivables {
  readonly currency: string;
  readonly amountDue: number;
  readonly invoices: number;
  readonly buckets: Readonly<Record<AgingBucket, { readonly amountDue: number; readonly invoices: number }>>;
}

/**
 * What customers owe now, per currency, aged by whole calendar days past the due date on `today`
 * (the provider's date). An invoice counts as "Unpaid" lists it (see `amountOwed`): open, something
 * due, no payment settling; invoices with a payment pending are listed among those needing attention.
 */
export function receivablesOf(invoices: readonly Invoice[], today: CalendarDate): CurrencyReceivables[] {
  const byCurrency = new Map<string, { amountDue: number; invoices: number; buckets: Record<AgingBucket, { amountDue: number; invoices: number }> }>();
  for (const invoice of invoices) {
    const due = invoice.amountDue.amountMinor;
    if (invoice.status !== 'open' || invoice.state.paymentPending || due <= 0) continue;
    const code = invoice.state.currency;
    const totals = byCurrency.get(code) ?? {
      amountDue: 0, invoices: 0,
      buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, { amountDue: 0, invoices: 0 }])) as Record<AgingBucket, { amountDue: number; invoices: number }>,
    };
    byCurrency.set(code, totals);
    const bucket = totals.buckets[agingBucketOf(daysBetween(invoice.state.dueDate, today))];
    bucket.amountDue += due;
    bucket.invoices += 1;
    totals.amountDue += due;
    totals.invoices += 1;
  }
  return [...byCurrency.keys()].sort().map((code) => ({ currency: code, ...byCurrency.get(code)! }));
}
