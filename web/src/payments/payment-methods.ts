import type { ComponentType } from 'react';
import type { CryptoCurrencies, Customer, Invoice } from '../api/types.js';
import { cardPayment } from './card-payment.js';
import { creditPayment } from './credit-payment.js';
import { paypalPayment } from './paypal-payment.js';
import { cryptoPayment } from './crypto-payment.js';

/**
 * The ways to pay an invoice, offered in the selector at the invoice's top right. Each payment issue
 * (card, PayPal, crypto, account credit) adds one entry to `paymentMethods`; the selector lists those
 * whose `available` says yes for this account and invoice, in this order.
 */
export interface PaymentContext {
  invoice: Invoice;
  account: Customer | undefined;
  /** The cryptocurrencies accepted now and whether this customer may use them; undefined until known. */
  crypto?: CryptoCurrencies | undefined;
}

/**
 * What starting a payment led to, as the selector and the invoice page show it; each method's `pay`
 * translates its API answer (for a card, the API's PaymentResult) into one of these.
 */
export type PaymentAttempt =
  /** Continue on the provider's page (the selector sends the browser there). */
  | { kind: 'redirect'; url: string }
  /** Paid at once, in full or in part; `invoice` is the invoice as it is now, `message` what to say instead of "Payment received". */
  | { kind: 'paid'; invoice?: Invoice; message?: string }
  /** Paid before this attempt, another way (another tab, the automatic charge): nothing was taken now. */
  | { kind: 'already_paid'; invoice: Invoice }
  /** Accepted and not settled yet: the invoice page waits for the provider's confirmation. */
  | { kind: 'processing' }
  /** Not paid, and why, as a sentence for the customer ("Your card was declined: insufficient funds."). */
  | { kind: 'failed'; message: string };

export interface PaymentOptionsProps<Choice> {
  context: PaymentContext;
  choice: Choice | undefined;
  onChoice: (choice: Choice) => void;
  disabled: boolean;
}

export interface PaymentMethod<Choice = unknown> {
  id: 'card' | 'paypal' | 'crypto' | 'credit';
  label: string;
  /** The button's words while this method is chosen; "Pay" by default. */
  actionLabel?: string;
  /** One line under the label, e.g. "Visa ending 4242" or "Balance: $12.00". */
  describe?: (context: PaymentContext) => string;
  available: (context: PaymentContext) => boolean;
  /**
   * Why this account cannot use the method now, when it is offered but not usable yet (crypto before
   * an account is established): the option is shown disabled, with this sentence.
   */
  unavailable?: (context: PaymentContext) => string | undefined;
  /**
   * Further choices shown while this method is selected (which saved card, whether to keep a new one).
   * The Pay button waits until it has reported a choice, which `pay` then receives.
   */
  Options?: ComponentType<PaymentOptionsProps<Choice>>;
  /** Starts the payment. Expected refusals (a declined card) are outcomes; faults are thrown ApiErrors. */
  pay: (context: PaymentContext, choice: Choice | undefined) => Promise<PaymentAttempt>;
}

/** A method with its own kind of choice, listed beside the others (its choice only ever reaches itself). */
function listed<Choice>(method: PaymentMethod<Choice>): PaymentMethod {
  return method as unknown as PaymentMethod;
}

/** Credit first: the customer bought it for their invoices, and what it leaves is paid another way. */
export const paymentMethods: readonly PaymentMethod[] = [listed(creditPayment), listed(cardPayment), listed(paypalPayment), listed(cryptoPayment)];

export function availablePaymentMethods(context: PaymentContext): PaymentMethod[] {
  return paymentMethods.filter((method) => method.available(context));
}
