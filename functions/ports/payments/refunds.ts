import type { Money } from '../../domain/money.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';

export interface RefundInput {
  /** The provider's payment id the money came with (a Stripe PaymentIntent `pi_…`). */
  readonly paymentId: string;
  readonly amount: Money;
  /** One key per refund decision (`refund-unowed-<paymentId>`), reused on every retry of it. */
  readonly idempotencyKey: string;
  /** Why, for the provider's records and the customer's statement. */
  readonly reason: 'duplicate' | 'requested_by_customer';
  /**
   * Our id for this refund (staff's request id), given to the provider with it (Stripe metadata,
   * PayPal `custom_id`) so that its webhook names it back: a refund we asked for is then never taken
   * for one made at the provider's dashboard.
   */
  readonly reference?: string;
}

/** What the provider did with a refund. A refund that the provider refuses throws PaymentProviderError. */
export type RefundOutcome =
  | { readonly status: 'succeeded' | 'pending'; readonly refundId: string }
  | { readonly status: 'failed'; readonly refundId: string; readonly reason: string };

/** Providers that can give money back to where it came from (Stripe refunds to the card). */
export interface Refunds {
  /**
   * Gives money back through the provider. The same `idempotencyKey` refunds at most once, however
   * often it is retried (docs.stripe.com/api/refunds/create, docs.stripe.com/idempotency).
   * @throws PaymentProviderUnavailableError on a passing fault: retry with the same key
   * @throws PaymentProviderError when the provider will not refund (already refunded, disputed)
   */
  refund(input: RefundInput): Promise<RefundOutcome>;
}

/** The refunds of each method whose provider can give money back, as the use cases reach them. */
export type RefundProviders = Partial<Record<ProviderPaymentMethod, Refunds>>;
