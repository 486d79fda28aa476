/** A provider's id for one billing customer (a Stripe `cus_…`); opaque to everything but its adapter. */
export type ProviderCustomerRef = string;

/** Providers that keep a customer of their own (Stripe does; BTCPay does not). */
export interface ProviderCustomers {
  /**
   * The provider's customer for a billing customer. Idempotent on `billingCustomerId`: calling it
   * again, even after a lost answer, returns the same one.
   * @throws PaymentProviderUnavailableError on a passing fault
   */
  ensureCustomer(input: { billingCustomerId: string; email: string; name?: string }): Promise<ProviderCustomerRef>;
}
