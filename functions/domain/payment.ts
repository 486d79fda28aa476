import type { Money } from './money.js';

/**
 * How a customer pays, in the domain's words: never a company's name. Each method is served by one
 * provider at a time (cards by Stripe today), chosen where the adapters are built.
 */
export const PAYMENT_METHODS = ['card', 'paypal', 'crypto', 'credit'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The methods whose money arrives from an outside provider (account credit is our own ledger). */
export type ProviderPaymentMethod = Exclude<PaymentMethod, 'credit'>;

/**
 * Money received. Immutable, and at most one per external payment id: the provider's id (a Stripe
 * PaymentIntent, a PayPal capture, a BTCPay invoice) is the record's key, so a webhook delivered a
 * hundred times, or a charge answered and then confirmed by webhook, is recorded once.
 *
 * Money that pays no invoice (Add Funds) has no `invoiceId` and became account credit in full; money
 * for an invoice that was already paid or void is recorded with that invoice, as credit, never dropped.
 */
export interface Payment {
  readonly method: PaymentMethod;
  readonly externalId: string;
  readonly customerId: string;
  readonly invoiceId?: string;
  readonly amount: Money;
  /** What went to the invoice; the rest (`amount - appliedToInvoice`) became account credit. */
  readonly appliedToInvoice: Money;
  readonly receivedAt: string;
  /**
   * The money arrived for an invoice that was already paid or void (a race at the provider): the
   * customer did not owe it, so it is refunded in full; until then, and if that fails, it is credit.
   */
  readonly unowed?: boolean;
  /** The card it came from, as the receipt shows it. */
  readonly card?: { readonly brand: string; readonly last4: string };
  readonly refund?: PaymentRefund;
  /**
   * One payment for several invoices (mass pay): what went to each. `appliedToInvoice` is then their
   * sum, and `invoiceId` is absent.
   */
  readonly allocations?: readonly PaymentAllocation[];
}

export interface PaymentAllocation {
  readonly invoiceId: string;
  readonly amount: Money;
}

/**
 * Money given back through the provider. `pending`: the ledger has set the amount aside and the
 * provider has been asked; `refunded`: the provider took it; `failed`: the provider would not, so the
 * amount went back to the customer's credit and staff are told.
 */
export interface PaymentRefund {
  readonly status: 'pending' | 'refunded' | 'failed';
  readonly amount: Money;
  readonly requestedAt: string;
  readonly refundId?: string;
  /** Why it failed, for staff. */
  readonly failure?: string;
}
