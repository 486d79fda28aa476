import { BusinessRuleError, ValidationError } from './errors.js';
import { type ActivityActor, type InvoiceActivity, SYSTEM } from './invoice-activity.js';
import { type Money, add, isPositive, min, money, subtract, toDecimalString, zero } from './money.js';
import type { Payment } from './payment.js';

/** Where refunded money goes: back where it came from (the card, PayPal, the bank), or to account credit. */
export const REFUND_DESTINATIONS = ['original', 'credit'] as const;
export type RefundDestination = (typeof REFUND_DESTINATIONS)[number];

/** What one refund takes back from one invoice the payment paid. */
export interface RefundedShare {
  readonly invoiceId: string;
  readonly amount: Money;
}

/**
 * A refund of all or part of one payment, one per request (the request id staff's browser sent, or
 * the provider's refund id for a refund made at its dashboard), so the same request twice refunds
 * once. `pending`: the amount is set aside on the payment and the provider has been asked;
 * `refunded`: done. A refund the provider refuses is removed again, leaving everything as it was.
 */
export interface Refund {
  readonly requestId: string;
  /** The payment refunded: its method and external id, and the invoice it was for (not for mass pay). */
  readonly payment: { readonly method: Payment['method']; readonly externalId: string; readonly invoiceId?: string };
  readonly customerId: string;
  readonly amount: Money;
  readonly destination: RefundDestination;
  /** The part that had paid invoices, and which (`fromInvoice` in total). */
  readonly fromInvoice: Money;
  readonly invoices: readonly RefundedShare[];
  /** The part that had become account credit (an overpayment, money not owed), taken back out of it. */
  readonly fromCredit: Money;
  readonly status: 'pending' | 'refunded';
  readonly requestedAt: string;
  readonly refundedAt?: string;
  /** The provider's id for it (a Stripe `re_…`, a PayPal refund id). */
  readonly providerRefundId?: string;
  readonly by: ActivityActor;
}

/**
 * The reference our automatic refunds of money not owed give the provider, so that their webhooks
 * are known for what they are (recorded by their own steps, on the payment's `refund`).
 */
export const UNOWED_REFUND_REFERENCE = 'unowed';

/**
 * Why money went back, as the staff refunds report groups refunds: staff asked for it, it was made at
 * the provider's dashboard, or the system gave back money not owed (a payment for an invoice that was
 * already paid or void: steps/refund-unowed-payment.ts).
 */
export const REFUND_REASONS = ['staff_request', 'made_at_provider', 'not_owed'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

/** Why a refund was made, from who made it (only the automatic refund of money not owed is the system's). */
export function refundReasonOf(refund: Pick<Refund, 'by'>): RefundReason {
  if (refund.by.kind === 'system') return 'not_owed';
  return refund.by.kind === 'provider' ? 'made_at_provider' : 'staff_request';
}

/**
 * The automatic refund of a payment not owed (Payment.unowed), as refunds are listed for the report:
 * all of it, back where it came from, out of the account credit it had become, by the system, under
 * the request id UNOWED_REFUND_REFERENCE (one per payment). `pending` until the provider takes it.
 */
export function unowedRefundOf(payment: Payment, at: Date): Refund {
  return {
    requestId: UNOWED_REFUND_REFERENCE,
    payment: { method: payment.method, externalId: payment.externalId, ...(payment.invoiceId ? { invoiceId: payment.invoiceId } : {}) },
    customerId: payment.customerId,
    amount: payment.amount, destination: 'original',
    fromInvoice: zero(payment.amount.currency), invoices: [], fromCredit: payment.amount,
    status: 'pending', requestedAt: at.toISOString(), by: SYSTEM,
  };
}

/** What is left to refund of a payment, to each destination. */
export interface Refundable {
  /** Back where it came from: everything not refunded yet. */
  readonly toOriginal: Money;
  /** To account credit: only what paid invoices (the rest is account credit already). */
  readonly toCredit: Money;
}

/** What has been refunded of a payment, counting the automatic refund of money not owed (unless it failed). */
export function refundedOf(payment: Payment): { total: Money; fromInvoice: Money } {
  const none = zero(payment.amount.currency);
  const automatic = payment.refund && payment.refund.status !== 'failed' ? payment.refund.amount : none;
  return { total: add(payment.refunded?.total ?? none, automatic), fromInvoice: payment.refunded?.fromInvoice ?? none };
}

export function refundableOf(payment: Payment): Refundable {
  const refunded = refundedOf(payment);
  const toOriginal = subtract(payment.amount, refunded.total);
  return { toOriginal, toCredit: min(subtract(payment.appliedToInvoice, refunded.fromInvoice), toOriginal) };
}

/**
 * Plans a refund of `amount` of a payment: how much comes back off the invoice(s) it paid, and how
 * much out of the account credit it became. A refund to where the money came from gives back what
 * paid the invoice first, then the credit (which the customer may have spent: the ledger then refuses
 * it); a refund to credit can only give back what paid the invoice. A payment from account credit
 * goes back to credit.
 * @throws ValidationError naming `amount` when it is not positive
 * @throws BusinessRuleError when it is more than what is left to refund to that destination
 */
export function planRefund(
  payment: Payment,
  request: { requestId: string; amount: Money; destination: RefundDestination; by: ActivityActor; at: Date },
): Refund {
  const { amount, destination } = request;
  if (!isPositive(amount)) throw new ValidationError('amount', 'Enter an amount to refund greater than zero.');
  if (payment.method === 'credit' && destination === 'original') {
    throw new BusinessRuleError('This payment was made from account credit: refund it to credit.');
  }
  const refundable = refundableOf(payment);
  const limit = destination === 'credit' ? refundable.toCredit : refundable.toOriginal;
  if (amount.amountMinor > limit.amountMinor) {
    throw new BusinessRuleError(limit.amountMinor === 0
      ? `Nothing is left to refund of this payment${destination === 'credit' ? ' to credit' : ''}.`
      
      : `At most ${toDecimalString(limit)} ${limit.currency} is left to refund of this payment${destination === 'credit' ? ' to credit' : ''}.`);
  }
  const already = refundedOf(payment).fromInvoice;
  const fromInvoice = min(amount, subtract(payment.appliedToInvoice, already));
  return {
    requestId: request.requestId,
    payment: { method: payment.method, externalId: payment.externalId, ...(payment.invoiceId ? { invoiceId: payment.invoiceId } : {}) },
    customerId: payment.customerId,
    amount, destination, fromInvoice,
    invoices: sharesOf(payment, already, fromInvoice),
    fromCredit: subtract(amount, fromInvoice),
    status: 'pending',
    requestedAt: request.at.toISOString(),
    by: request.by,
  };
}

/**
 * Which invoices give back `fromInvoice`, after `already` was given back before: the payment's
 * invoice, or the invoices of a mass payment in the order they were paid.
 */
function sharesOf(payment: Payment, already: Money, fromInvoice: Money): RefundedShare[] {
  const paid = payment.allocations ?? (payment.invoiceId ? [{ invoiceId: payment.invoiceId, amount: payment.appliedToInvoice }] : []);
  const shares: RefundedShare[] = [];
  let skip = already.amountMinor;
  let left = fromInvoice.amountMinor;
  for (const part of paid) {
    const given = Math.min(skip, part.amount.amountMinor);
    skip -= given;
    const take = Math.min(part.amount.amountMinor - given, left);
    if (take > 0) shares.push({ invoiceId: part.invoiceId, amount: money(take, part.amount.currency) });
    left -= take;
  }
  return shares;
}

/**
 * The activity lines of a refund done: one on each invoice it gives back from (what each gives back),
 * or, when it came only out of account credit, one on the payment's invoice (the whole refund).
 */
export function refundActivities(refund: Refund, newId: () => string): InvoiceActivity[] {
  const targets = refund.invoices.length > 1
    ? refund.invoices
    : [{ invoiceId: refund.invoices[0]?.invoiceId ?? refund.payment.invoiceId, amount: refund.amount }];
  return targets.filter((t): t is RefundedShare => Boolean(t.invoiceId)).map((target) => ({
    id: newId(), invoiceId: target.invoiceId, kind: 'refunded', at: refund.refundedAt ?? refund.requestedAt, by: refund.by,
    amount: target.amount, method: refund.payment.method, paymentId: refund.payment.externalId, destination: refund.destination,
  }));
}
