import { ConflictError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import { type ActivityActor, SYSTEM } from '../domain/invoice-activity.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { InvoiceActivityLog } from '../ports/invoice-activity-log.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { emailEffect } from '../ports/outbox.js';
import type { UserDirectory } from '../ports/user-directory.js';
import type { HostedCheckouts } from '../ports/payments/hosted-checkout.js';
import { closeCheckout } from './steps/close-checkout.js';
import { unscheduleEffect } from './steps/payment-effects.js';
import { getInvoice } from './get-invoice.js';
import { type StaffMember, staffActor } from './steps/staff-actor.js';

/**
 * Staff void an invoice issued in error; the customer is emailed that it is cancelled, in the void's
 * own write. A paid invoice, or one with payments on it, cannot be voided:
 * the money has to be refunded first. A card page still open for the invoice is closed at the
 * processor first, so that it cannot take money for a void invoice. The write is conditional on the
 * version read, so a payment that lands at the same moment wins or loses cleanly, never half. The
 * activity log says who voided it, written right after (the void is one conditional put, which a log
 * line does not need to turn into a transaction; a crash between the two loses that line only).
 * @throws BusinessRuleError when the invoice is paid, has payments, or is void already
 * @throws ConflictError when the customer has just paid on the card page, or the invoice changed meanwhile
 * @throws ProviderUnavailableError when the card page cannot be closed right now
 */
export async function voidInvoice(
  deps: { invoices: InvoiceRepository; clock: Clock; checkouts: HostedCheckouts; activity: InvoiceActivityLog; ids: IdGenerator; users?: UserDirectory },
  input: { invoiceId: string; staff?: StaffMember },
): Promise<Invoice> {
  let invoice = await getInvoice(deps, input);
  const live = invoice.liveCheckout(deps.clock.now());
  if (live) {
    const closed = await closeCheckout(deps, invoice, live);
    if (closed === 'completed') {
      throw new ConflictError(`The customer has just paid invoice ${invoice.label} on the card page; reload it to see the payment.`);
    }
    invoice = closed;
  }
  const voided = invoice.void(deps.clock.now());
  // The customer was emailed the invoice: they are told it is cancelled, in the same write.
  await deps.invoices.save(voided, invoice.state.version, [unscheduleEffect(invoice.id), emailEffect({ kind: 'invoice_voided', invoiceId: invoice.id })]);
  const by: ActivityActor = input.staff && deps.users ? await staffActor(deps.users, input.staff) : SYSTEM;
  await deps.activity.record({ id: deps.ids.newId('act'), invoiceId: voided.id, kind: 'voided', at: voided.state.voidedAt!, by, amount: voided.amountDue });
  return voided;
}
