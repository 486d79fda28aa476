import type { Customer, Invoice } from '../api/types.js';

/**
 * The ways to pay an invoice, offered in the selector at the invoice's top right. Each payment issue
 * (card, PayPal, crypto, account credit) adds one entry to `paymentMethods`; the selector lists those
 * whose `available` says yes for this account and invoice, in this order.
 */
export interface PaymentContext {
  invoice: Invoice;
  account: Customer | undefined;
}

export interface PaymentMethod {
  id: 'card' | 'paypal' | 'crypto' | 'credit';
  label: string;
  /** One line under the label, e.g. "Visa ending 4242" or "Balance: $12.00". */
  describe?: (context: PaymentContext) => string;
  available: (context: PaymentContext) => boolean;
  /** Starts the payment; a redirect URL sends the customer to the provider's page. */
  pay: (context: PaymentContext) => Promise<{ redirectUrl?: string; message?: string }>;
}

export const paymentMethods: readonly PaymentMethod[] = [];

export function availablePaymentMethods(context: PaymentContext): PaymentMethod[] {
  return paymentMethods.filter((method) => method.available(context));
}
