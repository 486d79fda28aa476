import { type CalendarDate, addDays, calendarDateOf } from '../domain/calendar-date.js';
import { ConflictError, ValidationError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import { money } from '../domain/money.js';
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
 * once. The invoice's activity log names the staff member, in the same transaction.
 * @throws NotFoundError when the invoice does not exist
 * @throws ValidationError naming `reference` or `receivedOn` (a day still to come)
 * @throws ConflictError when the request id was used for another payment
 */
export async function recordOfflinePayment(
  deps: RecordPaymentDeps & { users: UserDirectory },
  input: { invoiceId: string; amountMinor: number; kind: OfflinePaymentKind; reference: string; receivedOn: CalendarDate; requestId: string; staff: StaffMember },
): Promise<{ invoice: Invoice; payment: Payment }> {
  const reference = input.reference.trim();
  if (!reference) throw new ValidationError('reference', 'Give the reference (the bank’s reference, the cheque number, the receipt number).');
  if (reference.length > MAX_REFERENCE_LENGTH) throw new ValidationError('reference', `Keep the reference to ${MAX_REFERENCE_LENGTH} characters.`);
  // A day ahead of UTC is still today somewhere (staff east of Greenwich, early in their morning).
  if (input.receivedOn > addDays(calendarDateOf(deps.clock.now()), 1)) throw new ValidationError('receivedOn', 'The day the money arrived cannot be in the future.');
  const invoice = await getInvoice(deps, { invoiceId: input.invoiceId });
  const recorded = await recordPayment(deps, {
    method: 'offline', externalId: input.requestId, customerId: invoice.customerId, invoiceId: invoice.id,
    amount: money(input.amountMinor, invoice.state.currency),
    offline: { kind: input.kind, reference, receivedOn: input.receivedOn },
    by: await staffActor(deps.users, input.staff),
  });
  if (recorded.payment.invoiceId !== invoice.id) throw new ConflictError('This request was already used to record another payment; reload the page and try again.');
  return { invoice: recorded.invoice ?? invoice, payment: recorded.payment };
}
