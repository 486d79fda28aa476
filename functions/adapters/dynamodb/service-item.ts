import { calendarDate } from '../../domain/calendar-date.js';
import { money } from '../../domain/money.js';
import { Service, type ServiceState, type ServiceStatus } from '../../domain/service.js';
import type { ServiceSubscription } from '../../domain/service-subscription.js';
import type { ServiceCycle, ServicePeriod } from '../../domain/service-cycle.js';
import type { InvoicedPeriod } from '../../ports/service-repository.js';
import { allCustomers, keys } from './keys.js';

/** The partition of GSI2 that lists every service still billed, by next due date. */
export const SERVICES_BILLED = 'SERVICES_BILLED';

/**
 * Every service of every customer, cancelled ones included, by creation (GSI3 `SERVICES`): what the
 * dashboard's recurring revenue reads. Items written before it existed get it from
 * scripts/backfill-service-index.ts.
 */
export const allServicesIndex = (s: Pick<ServiceState, 'id' | 'createdAt'>) => ({ GSI3PK: allCustomers.services, GSI3SK: `${s.createdAt}#${s.id}` });

/**
 * How a service is stored: its state (the price in minor units beside its currency), plus the index
 * keys of ACCESS-PATTERNS.md. Only a service still billed carries GSI2's keys, so the index of due
 * services holds nothing a run of the generator would only skip.
 */
export function toServiceItem(service: Service): Record<string, unknown> {
  const { price, ...s } = service.state;
  return {
    ...keys.service(s.id),
    GSI1PK: `CUSTOMER#${s.customerId}`,
    GSI1SK: `SERVICE#${s.createdAt}#${s.id}`,
    ...(service.isBillable ? { GSI2PK: SERVICES_BILLED, GSI2SK: `${s.nextDueDate}#${s.id}` } : {}),
    ...allServicesIndex(s),
    type: 'service',
    ...s,
    price: price.amountMinor,
    currency: price.currency,
  };
}

export function fromServiceItem(i: Record<string, unknown>): Service {
  const suspension = i['suspension'] as ServiceState['suspension'];
  return Service.fromState({
    id: i['id'] as string,
    customerId: i['customerId'] as string,
    name: i['name'] as string,
    price: money(i['price'] as number, i['currency'] as string),
    cycle: i['cycle'] as ServiceCycle,
    anchorDay: i['anchorDay'] as number,
    nextDueDate: calendarDate(i['nextDueDate'] as string),
    status: i['status'] as ServiceStatus,
    cancelAtPeriodEnd: i['cancelAtPeriodEnd'] === true,
    ...(i['paidThrough'] ? { paidThrough: calendarDate(i['paidThrough'] as string) } : {}),
    ...(suspension ? { suspension } : {}),
    ...(i['cancelledAt'] ? { cancelledAt: i['cancelledAt'] as string } : {}),
    ...(i['subscription'] ? { subscription: i['subscription'] as ServiceSubscription } : {}),
    ...(typeof i['subscriptionStarts'] === 'number' ? { subscriptionStarts: i['subscriptionStarts'] } : {}),
    createdAt: i['createdAt'] as string,
    version: i['version'] as number,
  });
}

/** The claim of one period of a service, pointing at its invoice; listed under the invoice on GSI2. */
export function periodItem(serviceId: string, period: ServicePeriod, invoiceId: string): Record<string, unknown> {
  return {
    ...keys.servicePeriod(serviceId, period.start),
    GSI2PK: `INVOICE#${invoiceId}`,
    GSI2SK: `SERVICE#${serviceId}`,
    type: 'service-period',
    serviceId, invoiceId, periodStart: period.start, periodEnd: period.end,
  };
}

export function fromPeriodItem(i: Record<string, unknown>): InvoicedPeriod {
  return {
    serviceId: i['serviceId'] as string,
    invoiceId: i['invoiceId'] as string,
    period: { start: calendarDate(i['periodStart'] as string), end: calendarDate(i['periodEnd'] as string) },
  };
}
