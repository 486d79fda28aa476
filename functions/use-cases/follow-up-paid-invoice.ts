import { addDays, calendarDateOf } from '../domain/calendar-date.js';
import { ConflictError } from '../domain/errors.js';
import type { Service } from '../domain/service.js';
import type { ServicePolicy } from '../domain/service-policy.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { type OutboxEffect, eventEffect } from '../ports/outbox.js';
import type { InvoicedPeriod, ServiceRepository } from '../ports/service-repository.js';
import { invoicePaidEvent, serviceUnsuspendedEvent } from './steps/billing-events.js';
import { type PublishEventDeps, publishEventOnce } from './steps/publish-event-once.js';

export type FollowUpPaidInvoiceDeps = PublishEventDeps & {
  readonly invoices: InvoiceRepository;
  readonly services: ServiceRepository;
  readonly servicePolicy: ServicePolicy;
};

const ATTEMPTS = 3;

/**
 * What an invoice becoming paid means beyond the books (the outbox effect every payment path writes
 * with the payment that settles an invoice, steps/payment-effects.ts):
 *
 * 1. `invoice.paid` is published, once.
 * 2. Each service it bills is paid through the end of that period; a suspended one is unsuspended,
 *    with its `service.unsuspended` event, unless another of its invoices is still overdue past the
 *    provider's limit. Its next period starts today if it was to start while suspended (no period is
 *    invoiced while suspended, none is billed back: Service.unsuspend).
 *
 * Delivered again, it finds everything done and changes nothing.
 */
export async function followUpPaidInvoice(deps: FollowUpPaidInvoiceDeps, input: { invoiceId: string }): Promise<void> {
  const invoice = await deps.invoices.get(input.invoiceId);
  if (invoice?.status !== 'paid') return;
  await publishEventOnce(deps, invoicePaidEvent(invoice, deps.clock.now()));
  for (const paid of await deps.services.periodsOfInvoice(invoice.id)) {
    for (let attempt = 1; ; attempt++) {
      try {
        await settleService(deps, paid);
        break;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt === ATTEMPTS) throw error;
      }
    }
  }
}

async function settleService(deps: FollowUpPaidInvoiceDeps, paid: InvoicedPeriod): Promise<void> {
  const service = await deps.services.get(paid.serviceId);
  if (!service) return;
  let next: Service = service.paidThrough(paid.period.end);
  const effects: OutboxEffect[] = [];
  if (service.status === 'suspended' && !(await stillOverdue(deps, service, paid.invoiceId))) {
    next = next.unsuspend(calendarDateOf(deps.clock.now()));
    effects.push(eventEffect(serviceUnsuspendedEvent(service, deps.clock.now())));
  }
  if (next !== service) await deps.services.save(next, service.state.version, effects);
}

/** True when another invoice of the service is still open and overdue past the provider's limit. */
async function stillOverdue(deps: FollowUpPaidInvoiceDeps, service: Service, paidInvoiceId: string): Promise<boolean> {
  const limit = deps.servicePolicy.suspendAfterDays;
  if (limit === 0) return false;
  const today = calendarDateOf(deps.clock.now());
  for (const { invoiceId } of await deps.services.listInvoicedPeriods(service.id)) {
    if (invoiceId === paidInvoiceId) continue;
    const other = await deps.invoices.get(invoiceId);
    if (other?.status === 'open' && addDays(other.state.dueDate, limit) <= today) return true;
  }
  return false;
}
