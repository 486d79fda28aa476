import type { CustomerRepository } from '../ports/customer-repository.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';
import { ensureCardProcessorCustomer } from './ensure-card-processor-customer.js';
import { findSignedInCustomer } from './find-signed-in-customer.js';
import { providerCall } from './provider-call.js';

/**
 * "Add a card" without paying anything: the processor's hosted page in setup mode tokenizes the card
 * at once, and the webhook brings us its public details.
 */
export async function startCardSetup(
  deps: { customers: CustomerRepository; gateway: PaymentGateway },
  input: { userSub: string; returnUrl: string },
): Promise<{ redirectUrl: string }> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const customerRef = await ensureCardProcessorCustomer(deps, customer);
  const setup = await providerCall(() => deps.gateway.startCardSetup({
    customerRef,
    billingCustomerId: customer.id,
    currency: customer.currency,
    successUrl: `${input.returnUrl}/payment-methods?setup=processing`,
    cancelUrl: `${input.returnUrl}/payment-methods?setup=cancelled`,
  }));
  return { redirectUrl: setup.redirectUrl };
}
