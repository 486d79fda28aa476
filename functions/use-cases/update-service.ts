import type { CalendarDate } from '../domain/calendar-date.js';
import { NotFoundError } from '../domain/errors.js';
import { money } from '../domain/money.js';
import type { Service } from '../domain/service.js';
import type { ServiceCycle } from '../domain/service-cycle.js';
import type { ServiceDeps } from './create-service.js';
import { findCustomerService } from './steps/find-customer-service.js';

/**
 * Staff change a customer's service: its name, price, cycle or next due date (which moves the day of
 * the month it bills on). Invoices already issued keep what they say; the next one follows the change.
 * @throws NotFoundError when the customer has no such service
 * @throws BusinessRuleError for a cancelled service
 * @throws ConflictError when it changed meanwhile (reload and try again)
 */
export async function updateService(
  deps: ServiceDeps,
  input: { customerId: string; serviceId: string; name?: string; priceMinor?: number; cycle?: ServiceCycle; nextDueDate?: CalendarDate },
): Promise<Service> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Service');
  const service = await findCustomerService(deps.services, customer.id, input.serviceId);
  const changed = service.update({
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.priceMinor !== undefined ? { price: money(input.priceMinor, customer.currency) } : {}),
    ...(input.cycle !== undefined ? { cycle: input.cycle } : {}),
    ...(input.nextDueDate !== undefined ? { nextDueDate: input.nextDueDate } : {}),
  }, customer.currency);
  await deps.services.save(changed, service.state.version);
  return changed;
}
