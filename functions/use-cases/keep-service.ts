import type { BillingSchedulePolicy } from '../domain/billing-schedule.js';
import { calendarDateIn } from '../domain/zoned-calendar.js';
import type { Service } from '../domain/service.js';
import type { Clock } from '../ports/clock.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import { findCustomerService } from './steps/find-customer-service.js';

export interface KeepServiceDeps {
  readonly services: ServiceRepository;
  readonly clock: Clock;
  /** Its time zone says which day it is for the provider, as the daily run that ends services counts. */
  readonly schedulePolicy: Pick<BillingSchedulePolicy, 'timeZone'>;
}

/**
 * Staff take back a customer's wish (or their own) to end a service at its period's end, before that
 * day: it goes on, and the daily run invoices its next period as usual (late if the invoice's day has
 * passed). Nothing changes if it was not to end.
 * @throws NotFoundError when the customer has no such service
 * @throws BusinessRuleError when it is cancelled, or its period has ended (from its due date on, in the provider's time zone)
 * @throws ConflictError when it changed meanwhile
 */
export async function keepService(deps: KeepServiceDeps, input: { customerId: string; serviceId: string }): Promise<Service> {
  const service = await findCustomerService(deps.services, input.customerId, input.serviceId);
  const kept = service.keep(calendarDateIn(deps.clock.now(), deps.schedulePolicy.timeZone));
  if (kept !== service) await deps.services.save(kept, service.state.version);
  return kept;
}
