import type { BillingSchedulePolicy } from '../domain/billing-schedule.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { ConflictError, ValidationError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import { money } from '../domain/money.js';
import { calendarDateIn } from '../domain/zoned-calendar.js';
import type { OfflinePaymentKind, Payment } from '../domain/payment.js';
import type { UserDirectory } from '../ports/user-directory.js';
import { getInvoice } from './get-invoice.js';
import { type RecordPaymentDeps, recordPayment } from './steps/record-payment.js';
import { type StaffMember, staffActor } from './steps/staff-actor.js';

export const MAX_REFERENCE_LENGTH = 200;

/**
 * Staff record money the customer paid outside the system (a bank transfer, cash, a cheque) against
 * an invoice, with its reference and the day it arrived. It is a payment of method `offline` like any
 * other (Invoice.recordPayment through `recordPayment`): it pays the invoice in part or in full, and
 * what is beyond the amount due (or all of it, for an invoice no longer open) becomes account credit.
 * The request id from staff's browser is the payment's external id, so the same request twice records
 * once; the same money entered twice (a second request with the invoice's recorded kind and
 * reference) is refused. The day it arrived lies between the invoice's issue day and today, both on
 * the provider's calendar (BILLING_TIME_ZONE): money that came before the invoice is account credit,
 * granted on the customer's page. The invoice's activity log names the staff member, in the same
 * transaction.
 * @throws NotFoundError when the invoice does not exist
 * @throws ValidationError naming `reference`, or `receivedOn` (a day still to come, or before the invoice)
 * @throws ConflictError when the request id was used for another payment, or the reference is recorded
 */
export async function recordOfflinePayment(
  deps: RecordPaymentDeps & { users: UserDirectory; schedulePolicy: Pick<BillingSchedulePolicy, 'timeZone'> },
  input: { invoiceId: string; amountMinor: number; kind: OfflinePaymentKind; reference: string; receivedOn: CalendarDate; requestId: string; staff: StaffMember },
): Promise<{ invoice: Invoice; payment: Payment }> {
  const reference = input.reference.trim();
  if (!reference) throw new ValidationError('reference', 'Give the reference (the bank’s reference, the cheque number, the receipt number).');
  if (reference.length > MAX_REFERENCE_LENGTH) throw new ValidationError('reference', `Keep the reference to ${MAX_REFERENCE_LENGTH} characters.`);
  const { timeZone } = deps.schedulePolicy;
  if (input.receivedOn > calendarDateIn(deps.clock.now(), timeZone)) throw new ValidationError('receivedOn', 'The day the money arrived cannot be in the future.');
  const invoice = await getInvoice(deps, { invoiceId: input.invoiceId });
  const issuedOn = calendarDateIn(new Date(invoice.state.issuedAt), timeZone);
  if (input.receivedOn < issuedOn) {
    throw new ValidationError('receivedOn', `The money cannot have arrived before the invoice was issued (${issuedOn}). Money received earlier is account credit: grant it on the customer’s page.`);
  }
  await assertNotRecorded(deps, invoice, input.kind, reference, input.requestId);
  const recorded = await recordPayment(deps, {
    method: 'offline', externalId: input.requestId, customerId: invoice.customerId, invoiceId: invoice.id,
    amount: money(input.amountMinor, invoice.state.currency),
    offline: { kind: input.kind, reference, receivedOn: input.receivedOn },
    by: await staffActor(deps.users, input.staff),
  });
  if (recorded.payment.invoiceId !== invoice.id) throw new ConflictError('This request was already used to record another payment; reload the page and try again.');
  return { invoice: recorded.invoice ?? invoice, payment: recorded.payment };
}

/**
 * Refuses the same money entered twice: an offline payment of the same kind and reference (compared
 * without case or surrounding spaces) already recorded on the invoice by another request. Two
 * entries at the very same moment are not caught here; the activity log shows both, and staff refund
 * one to credit.
 */
async function assertNotRecorded(deps: RecordPaymentDeps, invoice: Invoice, kind: OfflinePaymentKind, reference: string, requestId: string): Promise<void> {
  const same = (await deps.ledger.listInvoicePayments(invoice.id)).find((payment) => payment.offline?.kind === kind
    && payment.offline.reference.trim().toLowerCase() === reference.toLowerCase() && payment.externalId !== requestId);
  if (same) {
    throw new ConflictError(`A payment with reference ${same.offline!.reference} is already recorded on invoice ${invoice.label} (received on ${same.offline!.receivedOn}). If this is another payment, give it its own reference.`);
  }
}
