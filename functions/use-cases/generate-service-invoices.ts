import { type CalendarDate, addDays, calendarDateOf } from '../domain/calendar-date.js';
import { ConflictError } from '../domain/errors.js';
import type { Service } from '../domain/service.js';
import type { ServicePeriod } from '../domain/service-cycle.js';
import type { ServicePolicy } from '../domain/service-policy.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import { createInvoice } from './create-invoice.js';

/** How many periods one run catches up on for one service (a service given a due date long past). */
const MAX_PERIODS_PER_RUN = 36;

export type GenerateServiceInvoicesDeps = Parameters<typeof createInvoice>[0] & {
  readonly services: ServiceRepository;
  readonly servicePolicy: ServicePolicy;
};

export interface GenerationReport {
  readonly issued: readonly { serviceId: string; invoiceId: string; period: ServicePeriod }[];
  readonly cancelled: readonly string[];
  /** Services another run (or staff) changed meanwhile: nothing issued for them by this run. */
  readonly skipped: readonly string[];
}

/**
 * The daily run (an EventBridge Scheduler schedule in AWS; the local clock in `npm start`):
 *
 * 1. Finds every service still billed whose invoice date (its due date less the provider's days
 *    before) is `today` or earlier.
 * 2. Issues its invoice for the next period through createInvoice (the period on the line, due on the
 *    due date, or today if that is past; the issue email, schedules and credit as for any invoice),
 *    moving the due date on one cycle and claiming the period in the same transaction; and again while
 *    the next period is due too (a service created with a due date long past).
 * 3. A service asked to end at its period's end gets no invoice, and is cancelled on its due date.
 * 4. A suspended service gets no invoice for a new period while suspended; once unsuspended, its next
 *    period starts on the day it was unsuspended if it was to start before (Service.unsuspend).
 *
 * Running twice, or twice at once, issues nothing twice: the second run finds the due date moved on,
 * or its transaction refused by the period's claim (R12).
 */
export async function generateServiceInvoices(deps: GenerateServiceInvoicesDeps, input: { today: CalendarDate }): Promise<GenerationReport> {
  const daysBefore = deps.servicePolicy.invoiceDaysBefore;
  const report = { issued: [] as GenerationReport['issued'][number][], cancelled: [] as string[], skipped: [] as string[] };
  for (const found of await deps.services.listDueThrough(addDays(input.today, daysBefore))) {
    let service: Service = found;
    for (let run = 0; run < MAX_PERIODS_PER_RUN && service.isBillable && service.invoiceDate(daysBefore) <= input.today; run++) {
      try {
        if (service.state.cancelAtPeriodEnd) {
          if (input.today >= service.state.nextDueDate) {
            await deps.services.save(service.cancel(deps.clock.now()), service.state.version);
            report.cancelled.push(service.id);
          }
          break;
        }
        if (!service.takesNewInvoices) break;
        const billed = service.billed();
        const period = service.nextPeriod;
        const today = calendarDateOf(deps.clock.now());
        const { invoice } = await createInvoice(deps, {
          customerId: service.state.customerId,
          dueDate: service.state.nextDueDate < today ? today : service.state.nextDueDate,
          lines: [service.nextInvoiceLine()],
          service: { billed, expectedVersion: service.state.version, period },
        });
        report.issued.push({ serviceId: service.id, invoiceId: invoice.id, period });
        service = billed;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        report.skipped.push(service.id);
        break;
      }
    }
  }
  return report;
}
