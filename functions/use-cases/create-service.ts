import type { CalendarDate } from '../domain/calendar-date.js';
import { NotFoundError } from '../domain/errors.js';
import { money } from '../domain/money.js';
import { Service } from '../domain/service.js';
import type { ServiceCycle } from '../domain/service-cycle.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { ServiceRepository } from '../ports/service-repository.js';

export interface ServiceDeps {
  readonly customers: CustomerRepository;
  readonly services: ServiceRepository;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/**
 * Staff give a customer a service: a plan's name, its price per cycle in the customer's currency
 * (minor units), the cycle, and the first due date, whose day of the month it keeps billing on. Its
 * first invoice is issued by the daily run some days before that date (generate-service-invoices).
 * @throws NotFoundError when the customer does not exist
 * @throws ValidationError naming `name` or `price`
 */
export async function createService(
  deps: ServiceDeps,
  input: { customerId: string; name: string; priceMinor: number; cycle: ServiceCycle; nextDueDate: CalendarDate; paidThrough?: CalendarDate },
): Promise<Service> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Customer');
  const service = Service.create({
    id: deps.ids.newId('svc'), customerId: customer.id, customerCurrency: customer.currency, name: input.name,
    price: money(input.priceMinor, customer.currency), cycle: input.cycle, nextDueDate: input.nextDueDate,
    ...(input.paidThrough ? { paidThrough: input.paidThrough } : {}), createdAt: deps.clock.now(),
  });
  await deps.services.create(service);
  return service;
}
