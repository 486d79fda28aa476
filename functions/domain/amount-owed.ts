import type { Invoice } from './invoice.js';
import { type CurrencyCode, type Money, add, zero } from './money.js';

/**
 * What a customer owes over their invoices. An invoice counts while it is open with no payment
 * settling (what "Unpaid" lists); its amount due counts as overdue too once its due date has passed.
 */
export interface AmountOwed {
  readonly due: Money;
  readonly overdue: Money;
  readonly invoicesDue: number;
  readonly invoicesOverdue: number;
}

/**
 * Sums the amount due of the unpaid invoices among `invoices`, all in `currency` (a customer's one
 * currency). Paid, void, draft and payment-pending invoices count for nothing.
 * @throws CurrencyMismatchError for an invoice in another currency
 */
export function amountOwed(invoices: readonly Invoice[], currency: CurrencyCode, now: Date): AmountOwed {
  let owed: AmountOwed = { due: zero(currency), overdue: zero(currency), invoicesDue: 0, invoicesOverdue: 0 };
  for (const invoice of invoices) {
    if (invoice.status !== 'open' || invoice.state.paymentPending || invoice.amountDue.amountMinor <= 0) continue;
    const late = invoice.isOverdue(now);
    owed = {
      due: add(owed.due, invoice.amountDue),
      overdue: late ? add(owed.overdue, invoice.amountDue) : owed.overdue,
      invoicesDue: owed.invoicesDue + 1,
      invoicesOverdue: owed.invoicesOverdue + (late ? 1 : 0),
    };
  }
  return owed;
}
