import { type CalendarDate, addDays } from '../domain/calendar-date.js';
import { ConflictError } from '../domain/errors.js';
import type { ServicePolicy } from '../domain/service-policy.js';
import type { Clock } from '../ports/clock.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { eventEffect } from '../ports/outbox.js';
import type { OverdueNotices } from '../ports/overdue-notices.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import { invoiceOverdueEvent, serviceSuspendedEvent } from './steps/billing-events.js';

export interface NoteOverdueDeps {
  readonly invoices: InvoiceRepository;
  readonly services: ServiceRepository;
  readonly overdueNotices: OverdueNotices;
  readonly servicePolicy: ServicePolicy;
  readonly clock: Clock;
}

/**
 * The daily run's second half, after the invoices are issued:
 *
 * 1. Each open invoice past its due date with no payment settling is published as `invoice.overdue`,
 *    once (a mark claimed in the transaction that queues the event).
 * 2. When it is overdue by the provider's days (SUSPEND_AFTER_DAYS; 0: never), each active service
 *    it bills is suspended, with its `service.suspended` event in the same write.
 *
 * Paying the invoice unsuspends the service (follow-up-paid-invoice). Running twice changes nothing.
 */
export async function noteOverdueInvoices(deps: NoteOverdueDeps, input: { today: CalendarDate }): Promise<{ overdue: number; suspended: string[] }> {
  const now = deps.clock.now();
  const limit = deps.servicePolicy.suspendAfterDays;
  const suspended: string[] = [];
  let overdue = 0;
  for (const invoice of await deps.invoices.listOpenDueBefore(input.today)) {
    if (invoice.state.paymentPending) continue;
    if (await deps.overdueNotices.noteOnce(invoice.id, [eventEffect(invoiceOverdueEvent(invoice, now))], now)) overdue++;
    if (limit === 0 || addDays(invoice.state.dueDate, limit) > input.today) continue;
    for (const { serviceId } of await deps.services.periodsOfInvoice(invoice.id)) {
      const service = await deps.services.get(serviceId);
      if (service?.status !== 'active') continue;
      try {
        await deps.services.save(service.suspend(invoice.id, now), service.state.version, [eventEffect(serviceSuspendedEvent(service, invoice.id, now))]);
        suspended.push(service.id);
      } catch (error) {
        // Changed meanwhile (staff, a payment): tomorrow's run looks again.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
  }
  return { overdue, suspended };
}
