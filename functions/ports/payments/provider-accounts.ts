import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { ProviderCustomerRef } from './provider-customers.js';

/**
 * Each billing customer's references at each provider, in one place and outside the domain Customer:
 * the Stripe customer behind `card`, later the PayPal payer behind `paypal`. Webhooks name the
 * provider's customer; this is how we know whose it is.
 */
export interface ProviderAccounts {
  find(customerId: string, method: ProviderPaymentMethod): Promise<ProviderCustomerRef | undefined>;
  /**
   * Remembers the provider's customer for a billing customer. Linking the same ref again is a no-op;
   * a customer keeps the first ref linked for a method.
   * @returns the ref now linked (the earlier one if another request linked first)
   */
  link(customerId: string, method: ProviderPaymentMethod, ref: ProviderCustomerRef): Promise<ProviderCustomerRef>;
  /** The billing customer a provider's customer belongs to. */
  customerOf(method: ProviderPaymentMethod, ref: ProviderCustomerRef): Promise<string | undefined>;
}
