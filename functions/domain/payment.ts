import type { Money } from './money.js';

export const PAYMENT_PROVIDERS = ['stripe', 'paypal', 'btcpay', 'credit'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

/**
 * Money received for an invoice. Immutable, and at most one per external payment id: the processor's
 * id (a Stripe PaymentIntent) is the record's key, so a webhook delivered a hundred times, or a charge
 * answered and then confirmed by webhook, is recorded once.
 */
export interface Payment {
  readonly provider: PaymentProvider;
  readonly externalId: string;
  readonly invoiceId: string;
  readonly customerId: string;
  readonly amount: Money;
  /** What went to the invoice; the rest (`amount - appliedToInvoice`) became account credit. */
  readonly appliedToInvoice: Money;
  readonly receivedAt: string;
}
