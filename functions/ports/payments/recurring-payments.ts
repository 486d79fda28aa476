import type { Money } from '../../domain/money.js';
import type { ServiceCycle } from '../../domain/service-cycle.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';

/** What the provider says of a subscription: its status there, and whose service it pays. */
export interface ProviderSubscription {
  readonly subscriptionId: string;
  /** Our service id, as we gave it (`custom_id` at PayPal); absent for a subscription that is not ours. */
  readonly serviceId?: string;
  /**
   * `pending`: created, not yet approved by the customer (it takes no money); `active`: it charges
   * every cycle; `suspended`: it stopped charging (payments failed, or it was paused) and may resume;
   * `ended`: cancelled or expired, it never charges again.
   */
  readonly status: 'pending' | 'active' | 'suspended' | 'ended';
  /** When the provider will charge it next (ISO 8601, UTC), while it charges. */
  readonly nextBillingAt?: string;
}

export interface StartSubscriptionInput {
  readonly serviceId: string;
  /**
   * Which start of this service's subscription this is (1, 2, …): with the service id it makes the
   * provider's idempotency key, so a double click or a retried request makes one subscription.
   */
  readonly attempt: number;
  /** What each cycle costs: the service's price, in its currency. */
  readonly price: Money;
  readonly cycle: ServiceCycle;
  /** The service's name, as the customer sees it on the provider's page. */
  readonly description: string;
  readonly returnUrl: string;
  readonly cancelUrl: string;
}

/**
 * A subscription at a provider that charges a service's price every cycle by itself (PayPal
 * Subscriptions). The customer approves it on the provider's page; the provider's webhooks then tell
 * of each payment, which pays the service's invoices.
 */
export interface RecurringPayments {
  /**
   * Creates a subscription waiting for the customer's approval. The same service and attempt give the
   * same subscription back, however often it is asked.
   * @throws PaymentProviderUnavailableError on a passing fault
   * @throws PaymentProviderError `amount_not_accepted` when the provider cannot charge this price
   */
  start(input: StartSubscriptionInput): Promise<{ subscriptionId: string; approvalUrl: string }>;
  /**
   * The subscription as the provider has it now.
   * @throws PaymentProviderUnavailableError on a passing fault
   */
  get(subscriptionId: string): Promise<ProviderSubscription>;
  /**
   * Cancels it at the provider, for good: it charges nothing more. Cancelling an ended one is done.
   * @throws PaymentProviderUnavailableError on a passing fault: it may still charge
   */
  cancel(subscriptionId: string, reason: string): Promise<void>;
}

/** The recurring payments of each method that offers them (PayPal today), as the use cases reach them. */
export type RecurringPaymentsByMethod = Partial<Record<ProviderPaymentMethod, RecurringPayments>>;
