import type { BillingSchedulePolicy } from '../domain/billing-schedule.js';
import type { FundsReceipts, InvoiceEmails, OutboxEffect } from '../ports/outbox.js';
import { type Scheduler, scheduleName } from '../ports/scheduler.js';
import { type FollowUpPaidInvoiceDeps, followUpPaidInvoice } from './follow-up-paid-invoice.js';
import { type RecordProcessorFeeDeps, recordProcessorFee } from './record-processor-fee.js';
import { publishEventOnce } from './steps/publish-event-once.js';
import { type TallyIncomeDeps, tallyIncome } from './tally-income.js';

/**
 * Carries out what a committed change called for (the outbox consumer calls this for each outbox item
 * the table's stream brings, with the item's id and effects): sends its emails, creates or deletes its
 * schedules. Each effect is
 * idempotent on its own (an email once per key, schedules by name), so the stream delivering the item
 * again, or a retry after one effect failed, repeats nothing that was done.
 *
 * Schedules are made only for an invoice still open: an invoice paid or voided since (say, paid from
 * credit at issue) gets none, whatever order its outbox items arrive in; the work itself re-checks the
 * invoice when it fires in any case.
 *
 * Events are published once per dedupe key (publishEventOnce); an invoice that became paid gets its
 * follow-up (its `invoice.paid` event, its services unsuspended), which is safe to run again; a card
 * payment gets its processor fee read and recorded once (record-processor-fee.ts); money received is
 * counted into its day's income once (tally-income.ts).
 */
export async function performOutboxEffects(
  deps: FollowUpPaidInvoiceDeps & Omit<RecordProcessorFeeDeps, 'clock'> & TallyIncomeDeps & { scheduler: Scheduler; emails: InvoiceEmails; fundsReceipts: FundsReceipts; schedulePolicy: BillingSchedulePolicy },
  item: { readonly id: string; readonly effects: readonly OutboxEffect[] },
): Promise<void> {
  const { effects } = item;
  for (const effect of effects) {
    switch (effect.kind) {
      case 'email':
        await deps.emails.send(effect.email, `outbox#${item.id}`);
        break;
      case 'funds_receipt':
        await deps.fundsReceipts.send(effect.payment, `outbox#${item.id}`);
        break;
      case 'schedule': {
        const invoice = await deps.invoices.get(effect.invoiceId);
        if (invoice?.status !== 'open') break;
        await deps.scheduler.schedule(effect.entries.map((entry) => {
          const work = { invoiceId: effect.invoiceId, action: entry.action, step: entry.step };
          return { name: scheduleName(work), at: new Date(entry.at), work };
        }));
        break;
      }
      case 'unschedule': {
        const steps = [0, ...deps.schedulePolicy.retryDaysAfterDue.map((_, i) => i + 1)];
        await deps.scheduler.cancel([
          scheduleName({ invoiceId: effect.invoiceId, action: 'remind', step: 0 }),
          ...steps.map((step) => scheduleName({ invoiceId: effect.invoiceId, action: 'charge', step })),
        ]);
        break;
      }
      case 'event':
        await publishEventOnce(deps, effect.event);
        break;
      case 'invoice_paid':
        await followUpPaidInvoice(deps, { invoiceId: effect.invoiceId });
        break;
      case 'processor_fee':
        await recordProcessorFee(deps, { method: effect.method, externalId: effect.externalId });
        break;
      case 'tally':
        await tallyIncome(deps, effect);
        break;
    }
  }
}
