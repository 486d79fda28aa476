import type { Service } from '../domain/service.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import type { Clock } from '../ports/clock.js';
import type { RecurringPaymentsByMethod } from '../ports/payments/recurring-payments.js';
import { endServiceSubscription } from './steps/end-service-subscription.js';
import { findCustomerService } from './steps/find-customer-service.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/**
 * The signed-in customer asks to end one of their services when the period paid for ends: no further
 * invoice is issued, and it ends on its next due date. Its live PayPal subscription is cancelled at
 * PayPal first (the period paid for needs no more payments). Asking twice changes nothing.
 * @throws NotFoundError when the service is not theirs
 * @throws BusinessRuleError when it is cancelled already
 */
export async function cancelMyService(
  deps: { customers: CustomerRepository; services: ServiceRepository; clock: Clock; recurring?: RecurringPaymentsByMethod },
  input: { userSub: string; serviceId: string },
): Promise<Service> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const service = await findCustomerService(deps.services, customer.id, input.serviceId);
  const ending = (await endServiceSubscription(deps, service, deps.clock.now())).cancelAtEndOfPeriod();
  if (ending !== service) await deps.services.save(ending, service.state.version);
  return ending;
}
