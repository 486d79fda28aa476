import type { Money } from '../../domain/money.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { ProviderCustomerRef } from './provider-customers.js';

/**
 * What the money is for: one invoice, account credit (Add Funds), or several invoices at once (mass
 * pay: a `PaymentBatch` we keep, naming them). The provider carries it back in
 * the payment's webhook, which is how money for no invoice becomes credit rather than being lost.
 */
export type CheckoutPurpose = { readonly invoiceId: string } | { readonly funds: true } | { readonly batchId: string };

export interface StartCheckoutInput {
  /** Absent for providers without customers of their own. */
  readonly customerRef?: ProviderCustomerRef;
  readonly billingCustomerId: string;
  readonly purpose: CheckoutPurpose;
  /** Shown on the provider's page, e.g. "Invoice 42". */
  readonly description: string;
  readonly amount: Money;
  /** Keep the payment method for automatic billing (where the provider can). */
  readonly saveMethod: boolean;
  /** May contain `{CHECKOUT_SESSION_ID}`, which Stripe replaces with the session id. */
  readonly successUrl: string;
  readonly cancelUrl: string;
  /** When the page should stop taking payments (Stripe: 30 min to 24 h ahead). */
  readonly expiresAt: Date;
  /**
   * Which of the provider's options the page should show first, when the customer chose one (a
   * cryptocurrency such as `BTC-LN` on BTCPay). Providers with one option ignore it.
   */
  readonly preferredOption?: string;
}

export interface StartedCheckout {
  /** The provider's page the customer is sent to. */
  readonly redirectUrl: string;
  /** The provider's id of the checkout (a Stripe `cs_…`, a PayPal order, a BTCPay invoice). */
  readonly checkoutId: string;
  /** When the provider will close it by itself. */
  readonly expiresAt: Date;
}

/**
 * A page at the provider where the customer pays (cards, PayPal approval, a crypto checkout). The page
 * collects everything sensitive; the provider's webhook is the truth of what happened there.
 */
export interface HostedCheckout {
  /** @throws PaymentProviderUnavailableError on a passing fault */
  startCheckout(input: StartCheckoutInput): Promise<StartedCheckout>;
  /**
   * Closes a checkout so that it can take no money (Stripe: `POST /v1/checkout/sessions/:id/expire`).
   * `expired`: it is closed (now, or it was already); `completed`: the customer has paid there, and the
   * payment's webhook will tell. Closing twice is safe.
   * @throws PaymentProviderUnavailableError on a passing fault: it may still be open
   */
  expireCheckout(checkoutId: string): Promise<'expired' | 'completed'>;
}

/** The hosted checkout of each method that has one (cards: Stripe Checkout), as the use cases reach them. */
export type HostedCheckouts = Partial<Record<ProviderPaymentMethod, HostedCheckout>>;
