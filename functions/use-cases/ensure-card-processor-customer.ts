import type { Customer } from '../domain/customer.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { CustomerRef, PaymentGateway } from '../ports/payment-gateway.js';
import { providerCall } from './provider-call.js';

/** The card processor's customer for this billing customer, made on first use and remembered. */
export async function ensureCardProcessorCustomer(
  deps: { customers: CustomerRepository; gateway: PaymentGateway },
  customer: Customer,
): Promise<CustomerRef> {
  if (customer.stripeCustomerId) return customer.stripeCustomerId;
  const ref = await providerCall(() => deps.gateway.ensureCustomer({
    billingCustomerId: customer.id, email: customer.email, name: customer.name,
  }));
  await deps.customers.setStripeCustomerId(customer.id, ref);
  return ref;
}
