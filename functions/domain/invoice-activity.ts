import type { Money } from './money.js';
import type { Payment, PaymentMethod, ProviderPaymentMethod } from './payment.js';
import type { RefundDestination } from './refund.js';

/**
 * What happened to an invoice, as staff read it in its activity log: issued, viewed by the customer,
 * paid (each payment, with its method), paid from account credit, an automatic charge that did not
 * pay it (declined, waiting for the customer's bank, or not made), refunded, voided.
 */
export const INVOICE_ACTIVITY_KINDS = ['issued', 'viewed', 'paid', 'credit_applied', 'charge_failed', 'refunded', 'voided'] as const;
export type InvoiceActivityKind = (typeof INVOICE_ACTIVITY_KINDS)[number];

/** How an automatic charge that did not pay ended: declined, waiting for the customer's bank, or not made. */
export const UNPAID_CHARGE_OUTCOMES = ['declined', 'requires_action', 'not_charged'] as const;
export type UnpaidChargeOutcome = (typeof UNPAID_CHARGE_OUTCOMES)[number];

/**
 * Who did it: a staff member (named by the email address they sign in with), the customer, the
 * system itself (credit applied at issue, a refund of money not owed), or a payment provider acting
 * on its own (a refund made at its dashboard).
 */
export type ActivityActor =
  | { readonly kind: 'staff'; readonly id: string; readonly email: string }
  | { readonly kind: 'customer' }
  | { readonly kind: 'system' }
  | { readonly kind: 'provider'; readonly method: ProviderPaymentMethod };

export const SYSTEM: ActivityActor = { kind: 'system' };
export const CUSTOMER: ActivityActor = { kind: 'customer' };

/** One line of an invoice's activity log. Written once, never changed. */
export interface InvoiceActivity {
  readonly id: string;
  readonly invoiceId: string;
  readonly kind: InvoiceActivityKind;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly by: ActivityActor;
  /** Payments: what was received; refunds: what was given back. */
  readonly amount?: Money;
  /** Payments: the part that went to this invoice (the rest became account credit). */
  readonly applied?: Money;
  readonly method?: PaymentMethod;
  /** The payment it is about: its method's external id (a Stripe PaymentIntent, a staff request id). */
  readonly paymentId?: string;
  readonly destination?: RefundDestination;
  /** The reference of money received outside the system (a bank transfer's). */
  readonly reference?: string;
  /** An automatic charge that did not pay: how it ended, and why in a sentence (the decline, or what stopped it). */
  readonly outcome?: UnpaidChargeOutcome;
  readonly reason?: string;
}

/**
 * The log lines of a payment: one for each invoice it went to (one, or each of a mass payment's).
 * Money received for an invoice that was no longer open is logged too: it was received for it.
 */
export function paymentActivities(payment: Payment, by: ActivityActor, newId: () => string): InvoiceActivity[] {
  const kind = payment.method === 'credit' ? 'credit_applied' : 'paid';
  const common = {
    kind, at: payment.receivedAt, by, method: payment.method, paymentId: payment.externalId,
    ...(payment.offline ? { reference: payment.offline.reference } : {}),
  } as const;
  if (payment.allocations) {
    return payment.allocations.map((a) => ({ id: newId(), invoiceId: a.invoiceId, ...common, amount: payment.amount, applied: a.amount }));
  }
  if (!payment.invoiceId) return [];
  return [{ id: newId(), invoiceId: payment.invoiceId, ...common, amount: payment.amount, applied: payment.appliedToInvoice }];
}
