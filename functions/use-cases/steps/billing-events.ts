import type { Invoice } from '../../domain/invoice.js';
import type { Service } from '../../domain/service.js';
import type { BillingEvent } from '../../ports/event-publisher.js';

/*
 * The events on the bus and their `detail` (besides `dedupeKey` and `occurredAt`, which every event
 * carries). Each is published once per dedupe key, whatever runs twice.
 *
 * - `invoice.paid` {invoiceId, invoiceNumber, customerId, currency, totalMinor}: once per invoice.
 * - `invoice.overdue` {invoiceId, invoiceNumber, customerId, currency, amountDueMinor, dueDate}: once
 *   per invoice, the first day after its due date it is still unpaid.
 * - `service.suspended` {serviceId, customerId, name, invoiceId}: once per service and overdue invoice.
 * - `service.unsuspended` {serviceId, customerId, name}: once per suspension.
 */

export function invoicePaidEvent(invoice: Invoice, at: Date): BillingEvent {
  const s = invoice.state;
  return {
    type: 'invoice.paid', dedupeKey: `invoice.paid#${s.id}`, occurredAt: s.paidAt ?? at.toISOString(),
    detail: { invoiceId: s.id, invoiceNumber: s.number, customerId: s.customerId, currency: s.currency, totalMinor: s.total.amountMinor },
  };
}

export function invoiceOverdueEvent(invoice: Invoice, at: Date): BillingEvent {
  const s = invoice.state;
  return {
    type: 'invoice.overdue', dedupeKey: `invoice.overdue#${s.id}`, occurredAt: at.toISOString(),
    detail: {
      invoiceId: s.id, invoiceNumber: s.number, customerId: s.customerId, currency: s.currency,
      amountDueMinor: invoice.amountDue.amountMinor, dueDate: s.dueDate,
    },
  };
}

export function serviceSuspendedEvent(service: Service, invoiceId: string, at: Date): BillingEvent {
  const s = service.state;
  return {
    type: 'service.suspended', dedupeKey: `service.suspended#${s.id}#${invoiceId}`, occurredAt: at.toISOString(),
    detail: { serviceId: s.id, customerId: s.customerId, name: s.name, invoiceId },
  };
}

/** `suspended` is the service as it was while suspended: its suspension names the unsuspension once. */
export function serviceUnsuspendedEvent(suspended: Service, at: Date): BillingEvent {
  const s = suspended.state;
  return {
    type: 'service.unsuspended', dedupeKey: `service.unsuspended#${s.id}#${s.suspension?.invoiceId ?? '-'}#${s.suspension?.at ?? '-'}`,
    occurredAt: at.toISOString(),
    detail: { serviceId: s.id, customerId: s.customerId, name: s.name },
  };
}
