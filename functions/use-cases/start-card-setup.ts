import type { CustomerRepository } from '../ports/customer-repository.js';
import type { ProviderAccounts } from '../ports/payments/provider-accounts.js';
import type { ProviderCustomers } from '../ports/payments/provider-customers.js';
import type { SavedPaymentMethods } from '../ports/payments/saved-payment-methods.js';
import { ensureProviderCustomer } from './steps/ensure-provider-customer.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';
import { providerCall } from './steps/provider-call.js';

/**
 * "Add a card" without paying anything: the processor's hosted page in setup mode tokenizes the card
 * at once, and the webhook brings us its public details.
 */
export async function startCardSetup(
  deps: { customers: CustomerRepository; accounts: ProviderAccounts; providerCustomers: ProviderCustomers; savedMethods: SavedPaymentMethods },
  input: { userSub: string; returnUrl: string },
): Promise<{ redirectUrl: string }> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const customerRef = await ensureProviderCustomer(deps, 'card', customer);
  const setup = await providerCall(() => deps.savedMethods.startSetup({
    customerRef,
    billingCustomerId: customer.id,
    currency: customer.currency,
    successUrl: `${input.returnUrl}/payment-methods?setup=processing`,
    cancelUrl: `${input.returnUrl}/payment-methods?setup=cancelled`,
  }));
  return { redirectUrl: setup.redirectUrl };
}
