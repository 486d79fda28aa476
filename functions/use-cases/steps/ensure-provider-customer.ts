import type { Customer } from '../../domain/customer.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { ProviderAccounts } from '../../ports/payments/provider-accounts.js';
import type { ProviderCustomerRef, ProviderCustomers } from '../../ports/payments/provider-customers.js';
import { providerCall } from './provider-call.js';

/**
 * The provider's customer for this billing customer, made on first use and remembered in
 * ProviderAccounts. Two first uses at once both ask the provider (which answers both with the same
 * customer, the call being idempotent on our id) and the first link wins.
 */
export async function ensureProviderCustomer(
  deps: { accounts: ProviderAccounts; providerCustomers: ProviderCustomers },
  method: ProviderPaymentMethod,
  customer: Customer,
): Promise<ProviderCustomerRef> {
  const known = await deps.accounts.find(customer.id, method);
  if (known) return known;
  const ref = await providerCall(() => deps.providerCustomers.ensureCustomer({
    billingCustomerId: customer.id, email: customer.email, name: customer.name,
  }));
  return deps.accounts.link(customer.id, method, ref);
}
