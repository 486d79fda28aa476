import type { Money } from '../../domain/money.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';

/** What capturing an approved checkout did. A denial is an outcome, not an exception. */
export type CaptureOutcome =
  /** The money was taken. */
  | { readonly status: 'completed'; readonly paymentId: string; readonly amount: Money }
  /** Taken but not final (a PayPal eCheck): the provider's webhook says later whether it cleared. */
  | { readonly status: 'pending'; readonly paymentId: string }
  /** The provider (or the customer's bank) refused; nothing was taken. */
  | { readonly status: 'declined'; readonly paymentId?: string; readonly reason: string }
  /** The customer has not approved the checkout (or it is no longer open): nothing was taken. */
  | { readonly status: 'not_approved' };

/**
 * Providers where the customer approves a payment on their page and we take the money afterwards
 * (PayPal Orders v2: create → approve → capture). Capturing is our decision, made only for a checkout
 * that is still the invoice's live one, so money that is not owed is never taken.
 */
export interface ApprovedCheckouts {
  /**
   * Takes the money the customer approved on `checkoutId`. Idempotent on the checkout: every call for
   * the same checkout, retries after a lost answer included, captures at most once and answers what
   * that capture did (PayPal: the same `PayPal-Request-Id` each time).
   * @throws PaymentProviderUnavailableError on a passing fault: call again
   */
  capture(checkoutId: string): Promise<CaptureOutcome>;
}

/** The capture of each method whose checkouts need one, as the use cases reach them. */
export type CheckoutCaptures = Partial<Record<ProviderPaymentMethod, ApprovedCheckouts>>;
