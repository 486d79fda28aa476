import * as z from 'zod';
import { isCalendarDate } from '../../domain/calendar-date.js';
import type { Service } from '../../domain/service.js';
import { MAX_SERVICE_NAME_LENGTH, SERVICE_STATUSES } from '../../domain/service.js';
import { SERVICE_CYCLES, formatPeriod } from '../../domain/service-cycle.js';
import { SUBSCRIPTION_STATUSES, type ServiceSubscription } from '../../domain/service-subscription.js';
import { BILLING_EVENT_TYPES, type PublishedEvent } from '../../ports/event-publisher.js';
import { amountInput } from './amount-input.js';

/** The shapes of services (staff and the customer's own) and of the events published. */
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD.');
const price = amountInput.positive('Enter a price greater than zero.')
  .describe('What one cycle costs, in the minor unit (cents) of the customer’s currency.');
const name = z.string().trim().min(1, 'Enter the service’s name.').max(MAX_SERVICE_NAME_LENGTH);

export const createServiceBody = z.strictObject({
  name, price, cycle: z.enum(SERVICE_CYCLES),
  nextDueDate: date.describe('The first invoice’s due date; the service bills on this day of the month (or the month’s last day when shorter).'),
});

export const updateServiceBody = z.strictObject({
  name: name.optional(), price: price.optional(), cycle: z.enum(SERVICE_CYCLES).optional(),
  nextDueDate: date.optional().describe('Moves the next due date, and the day of the month it bills on.'),
});

export const cancelServiceBody = z.strictObject({
  when: z.enum(['now', 'at_period_end']).describe('now: ends it at once; at_period_end: no further invoice, it ends on its next due date.'),
});

export const subscriptionSchema = z.object({
  id: z.string().describe('The provider’s id of the subscription (PayPal: I-…).'),
  method: z.enum(['paypal']),
  status: z.enum(SUBSCRIPTION_STATUSES).describe('pending: waiting for the customer’s approval; active: charged every cycle; suspended: not charging now; cancelled: ended.'),
  startedAt: z.string(),
  nextBillingAt: z.string().optional().describe('When the provider charges it next, while it charges.'),
  lastPaymentFailedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
}).describe('The service’s subscription at a payment provider: the live one, or the latest started.');

/** The service an invoice bills, on the invoice's page. */
export const invoiceServiceSchema = z.object({
  id: z.string(), name: z.string(), cycle: z.enum(SERVICE_CYCLES), subscription: subscriptionSchema.optional(),
});

export function subscriptionView(s: ServiceSubscription): z.output<typeof subscriptionSchema> {
  return {
    id: s.id, method: 'paypal', status: s.status, startedAt: s.startedAt,
    ...(s.nextBillingAt ? { nextBillingAt: s.nextBillingAt } : {}),
    ...(s.lastPaymentFailedAt ? { lastPaymentFailedAt: s.lastPaymentFailedAt } : {}),
    ...(s.cancelledAt ? { cancelledAt: s.cancelledAt } : {}),
  };
}

export const serviceSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  name: z.string(),
  price: z.number().int(),
  currency: z.string(),
  cycle: z.enum(SERVICE_CYCLES),
  status: z.enum(SERVICE_STATUSES),
  nextDueDate: date.describe('The due date of the next invoice not yet issued.'),
  nextPeriod: z.string().describe('The period the next invoice pays for, as its line will say: "1 Jan – 31 Jan 2027".'),
  cancelAtPeriodEnd: z.boolean().describe('No further invoice; it ends on its next due date.'),
  paidThrough: date.optional().describe('The last day paid for.'),
  suspendedAt: z.string().optional(),
  suspendedForInvoiceId: z.string().optional(),
  cancelledAt: z.string().optional(),
  subscription: subscriptionSchema.optional(),
  createdAt: z.string(),
});

export const serviceListSchema = z.object({ items: z.array(serviceSchema) });

export const publishedEventSchema = z.object({
  type: z.enum(BILLING_EVENT_TYPES),
  dedupeKey: z.string(),
  occurredAt: z.string(),
  publishedAt: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

export const publishedEventListSchema = z.object({ items: z.array(publishedEventSchema) });

export function serviceView(service: Service): z.output<typeof serviceSchema> {
  const s = service.state;
  return {
    id: s.id, customerId: s.customerId, name: s.name, price: s.price.amountMinor, currency: s.price.currency, cycle: s.cycle,
    status: s.status, nextDueDate: s.nextDueDate, nextPeriod: formatPeriod(service.nextPeriod), cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    ...(s.paidThrough ? { paidThrough: s.paidThrough } : {}),
    ...(s.suspension ? { suspendedAt: s.suspension.at, suspendedForInvoiceId: s.suspension.invoiceId } : {}),
    ...(s.cancelledAt ? { cancelledAt: s.cancelledAt } : {}),
    ...(s.subscription ? { subscription: subscriptionView(s.subscription) } : {}),
    createdAt: s.createdAt,
  };
}

export const publishedEventView = (event: PublishedEvent): z.output<typeof publishedEventSchema> => ({
  type: event.type, dedupeKey: event.dedupeKey, occurredAt: event.occurredAt, publishedAt: event.publishedAt, detail: { ...event.detail },
});
