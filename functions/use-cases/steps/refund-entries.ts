import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { money } from '../../domain/money.js';
import type { PaymentMethod } from '../../domain/payment.js';
import type { Refund } from '../../domain/refund.js';
import type { IdGenerator } from '../../ports/id-generator.js';

/** Where money refunded to its origin went, as the customer's history says it. */
const ORIGIN: Record<PaymentMethod, string> = {
  card: 'your card', paypal: 'your PayPal account', crypto: 'your wallet', offline: 'you outside our system', credit: 'your account credit',
};

/**
 * The ledger entries a refund writes, if any, described for the customer's history:
 * - to account credit: a `refund_to_credit` entry (positive) for all of it;
 * - back to its origin, for the part that had become account credit (an overpayment, money not owed):
 *   `refunded_to_card` (negative) through a provider, with `giveBack` (`refund_failed`, positive) to
 *   write if the provider refuses; paid back outside the system, an `adjustment` naming the staff member.
 * A refund to its origin of what paid invoices moves no credit: it never was credit.
 * @param about what the payment was for, e.g. "invoice 12"
 */
export function refundEntries(ids: IdGenerator, refund: Refund, about: string): { credit?: LedgerEntry; giveBack?: LedgerEntry } {
  const base = {
    customerId: refund.customerId, createdAt: refund.requestedAt, ...(refund.payment.invoiceId ? { invoiceId: refund.payment.invoiceId } : {}),
  };
  if (refund.destination === 'credit') {
    return { credit: { ...base, id: ids.newId('led'), kind: 'refund_to_credit', amount: refund.amount, description: `Refund of your payment for ${about}, to your account credit` } };
  }
  const { fromCredit } = refund;
  if (fromCredit.amountMinor === 0) return {};
  const taken = money(-fromCredit.amountMinor, fromCredit.currency);
  const part = `part of your payment for ${about} that had become credit`;
  if (refund.payment.method === 'offline') {
    const actor = refund.by.kind === 'staff' ? { actor: { id: refund.by.id, name: refund.by.email } } : {};
    return { credit: { ...base, id: ids.newId('led'), kind: 'adjustment', amount: taken, description: `Paid back to ${ORIGIN.offline}: ${part}`, ...actor } };
  }
  return {
    credit: { ...base, id: ids.newId('led'), kind: 'refunded_to_card', amount: taken, description: `Refunded to ${ORIGIN[refund.payment.method]}: ${part}` },
    giveBack: {
      ...base, id: ids.newId('led'), kind: 'refund_failed', amount: fromCredit,
      description: `Kept as credit (the refund to ${ORIGIN[refund.payment.method]} did not go through): ${part}`,
    },
  };
}
