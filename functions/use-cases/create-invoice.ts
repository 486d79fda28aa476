import type { CalendarDate } from '../domain/calendar-date.js';
import { NotFoundError } from '../domain/errors.js';
import { Invoice, type InvoiceLineInput, billToOf } from '../domain/invoice.js';
import { type BillingSchedulePolicy, chargeAt, reminderAt } from '../domain/billing-schedule.js';
import { type OutboxEffect, emailEffect } from '../ports/outbox.js';
import { type ActivityActor, SYSTEM } from '../domain/invoice-activity.js';
import type { AmountLimits } from '../ports/payments/amount-limits.js';
import type { ServiceBilling } from '../ports/service-repository.js';
import type { UserDirectory } from '../ports/user-directory.js';
import { type ApplyCreditDeps, applyCredit } from './steps/apply-credit.js';
import { type StaffMember, staffActor } from './steps/staff-actor.js';

/**
 * What issuing an invoice causes, written with it: the "new invoice" email, and (while it is open) its
 * reminder before the due date and its charge on the due date.
 */
export function issueEffects(invoice: Invoice, policy: BillingSchedulePolicy, now: Date): OutboxEffect[] {
  const email = emailEffect({ kind: 'invoice_issued', invoiceId: invoice.id });
  if (invoice.status !== 'open') return [email];
  const remind = reminderAt(invoice.state.dueDate, policy, now);
  const charge = chargeAt(invoice.state.dueDate, 0, policy)!;
  return [email, {
    kind: 'schedule', key: `schedule#${invoice.id}#issue`, invoiceId: invoice.id,
    entries: [
      ...(remind ? [{ action: 'remind' as const, step: 0, at: remind.toISOString() }] : []),
      { action: 'charge' as const, step: 0, at: charge.toISOString() },
    ],
  }];
}

/** What staff should know about an invoice they just issued; it was issued all the same. */
export interface IssueWarning {
  readonly code: 'card_cannot_pay';
  /** A sentence for staff, e.g. "Card payments in USD must be at least 0.50 USD." */
  readonly message: string;
}

/**
 * Staff issue an invoice to a customer, in the customer's currency, with the next invoice number,
 * billed to the customer's name, address and tax ID as they are now (the invoice keeps them).
 * The invoice is open from the start (paid at once when its total is zero); the customer's account
 * credit is applied to it at once, in full or in part; what remains is charged on its due date,
 * never at creation. An amount that cards cannot be charged is issued with a warning, since
 * other methods (credit, bank transfer) can still pay it. Written with the invoice, in one
 * transaction: its activity log's first line, "issued" (by `staff`, or the system), and what issuing
 * it causes (its email, its reminder and due-date schedules), and, for a service's invoice (`service`),
 * the service moved on and its period claimed once.
 * @throws NotFoundError when the customer does not exist
 * @throws ConflictError when `service`'s period was invoiced already, or the service changed meanwhile
 * @throws ValidationError naming the field of a bad line or due date
 */
export async function createInvoice(
  deps: ApplyCreditDeps & { cardLimits: AmountLimits; schedulePolicy: BillingSchedulePolicy; users?: UserDirectory },
  input: { customerId: string; dueDate: CalendarDate; lines: readonly InvoiceLineInput[]; staff?: StaffMember; service?: ServiceBilling },
): Promise<{ invoice: Invoice; warnings: IssueWarning[] }> {
  const [customer, by] = await Promise.all([
    deps.customers.get(input.customerId),
    input.staff && deps.users ? staffActor(deps.users, input.staff) : Promise.resolve<ActivityActor>(SYSTEM),
  ]);
  if (!customer) throw new NotFoundError('Customer');
  const id = deps.ids.newId('inv');
  const issuedAt = deps.clock.now();
  const billTo = billToOf(customer);
  // Build once outside the transaction so that invalid input fails before a number is taken.
  Invoice.issue({ id, number: 1, customerId: customer.id, currency: customer.currency, lines: input.lines, dueDate: input.dueDate, issuedAt, billTo });
  const issued = await deps.invoices.createNumbered((number) => Invoice.issue({
    id, number, customerId: customer.id, currency: customer.currency, lines: input.lines, dueDate: input.dueDate, issuedAt, billTo,
  }), {
    activity: (invoice) => ({ id: deps.ids.newId('act'), invoiceId: invoice.id, kind: 'issued', at: issuedAt.toISOString(), by, amount: invoice.total }),
    effects: (invoice) => issueEffects(invoice, deps.schedulePolicy, issuedAt),
    ...(input.service ? { service: input.service } : {}),
  });
  // Account credit pays new invoices by itself, in full or in part, at issue.
  const invoice = customer.creditBalance.amountMinor > 0 && issued.status === 'open'
    ? (await applyCredit(deps, { customerId: customer.id, invoiceId: issued.id, by: SYSTEM })).invoice
    : issued;
  const refusal = invoice.status === 'open' ? deps.cardLimits.refusal(invoice.amountDue) : undefined;
  return { invoice, warnings: refusal ? [{ code: 'card_cannot_pay', message: refusal.message }] : [] };
}
