import type { Service } from '../domain/service.js';
import type { ServiceDeps } from './create-service.js';
import type { RecurringPaymentsByMethod } from '../ports/payments/recurring-payments.js';
import { endServiceSubscription } from './steps/end-service-subscription.js';
import { findCustomerService } from './steps/find-customer-service.js';

/**
 * Staff cancel a customer's service: `at_period_end` issues no further invoice and ends it when the
 * period paid for ends (generate-service-invoices); `now` ends it at once. Invoices already issued
 * stay as they are (staff void one if it is owed no more). Either way its live PayPal subscription is
 * cancelled at PayPal first (end-service-subscription.ts): the period paid for needs no more payments.
 * @throws NotFoundError when the customer has no such service
 * @throws BusinessRuleError when it is cancelled already (at period end)
 * @throws ConflictError when it changed meanwhile
 */
export async function cancelService(
  deps: ServiceDeps & { recurring?: RecurringPaymentsByMethod },
  input: { customerId: string; serviceId: string; when: 'now' | 'at_period_end' },
): Promise<Service> {
  const service = await findCustomerService(deps.services, input.customerId, input.serviceId);
  const unsubscribed = await endServiceSubscription(deps, service, deps.clock.now());
  const cancelled = input.when === 'now' ? unsubscribed.cancel(deps.clock.now()) : unsubscribed.cancelAtEndOfPeriod();
  if (cancelled !== service) await deps.services.save(cancelled, service.state.version);
  return cancelled;
}
