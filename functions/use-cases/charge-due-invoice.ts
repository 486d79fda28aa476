import { chargeAt } from '../domain/billing-schedule.js';
import { BusinessRuleError, ConflictError } from '../domain/errors.js';
import type { Dunning, Invoice } from '../domain/invoice.js';
import { SYSTEM, type UnpaidChargeOutcome } from '../domain/invoice-activity.js';
import { isExpired } from '../domain/saved-card.js';
import type { BillingSchedulePolicy } from '../domain/billing-schedule.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import { type OutboxEffect, emailEffect } from '../ports/outbox.js';
import { applyCredit } from './steps/apply-credit.js';
import { type CardChargeDeps, chargeInvoiceWithSavedCard } from './steps/charge-invoice-with-saved-card.js';

export type DueChargeResult =
  /** Paid, open with nothing due, void, or this step was done before: nothing to do (R2). */
  | 'nothing_to_do'
  | 'paid'
  | 'declined'
  | 'requires_action'
  /** No automatic billing for this customer, or no usable card: they were reminded; staff see it overdue. */
  | 'not_charged'
  /** The processor has it and will tell by webhook. */
  | 'processing';

/**
 * The due date (step 0) or a retry (step 1, 2, 3…) of an invoice, fired by its schedule:
 *
 * 1. nothing is done if the invoice is paid, void or owes nothing, or if this step was done before
 *    (a schedule that fires twice, late, or after a retry ran changes nothing: R2);
 * 2. the customer's account credit pays first, in full or in part;
 * 3. an invoice of a service whose subscription at a provider is active (PayPal) is not charged by
 *    card: the subscription's next payment pays it (or has paid it already, as credit), and a card
 *    charge beside it would take the money twice. Credit still applies first, since it is money the
 *    customer has already given us; a suspended subscription charges nothing, so the card does;
 * 4. what remains is charged to the default card, off-session, if automatic billing is on and the card
 *    is usable (a card added or made default during dunning is the one used), with the idempotency key
 *    `due-<invoice>-<step>`, so the step charges at most once however often it fires;
 * 5. the outcome is recorded on the invoice with what it causes, in the same write: a declined
 *    charge emails the reason and a link to pay, and schedules the next retry while one is left; a
 *    bank that asks for the customer ("authentication_required") emails a link to confirm the
 *    payment, is not counted as a decline, and is tried again on the next retry day too; a paid invoice's receipt comes with its payment.
 * @throws ProviderUnavailableError on a passing fault at the processor (the queue delivers again)
 * @throws ConflictError when another payment of the invoice holds it (a customer paying now, another
 *   delivery of this step, an attempt whose lease has not run out): the queue delivers the step again
 *   later, when it finds the invoice paid (nothing to do) or free to charge, so no due date is skipped
 */
export async function chargeDueInvoice(
  deps: CardChargeDeps & { cards: CardRepository; schedulePolicy: BillingSchedulePolicy; services: Pick<ServiceRepository, 'get' | 'periodsOfInvoice'> },
  input: { invoiceId: string; step: number },
): Promise<DueChargeResult> {
  let invoice = await deps.invoices.get(input.invoiceId);
  if (!invoice || invoice.status !== 'open' || invoice.amountDue.amountMinor === 0 || invoice.chargeStepDone(input.step)) return 'nothing_to_do';
  const customer = (await deps.customers.get(invoice.customerId))!;

  if (customer.creditBalance.amountMinor > 0) {
    try {
      invoice = (await applyCredit(deps, { customerId: customer.id, invoiceId: invoice.id })).invoice;
    } catch (error) {
      if (!(error instanceof BusinessRuleError || error instanceof ConflictError)) throw error;
      invoice = (await deps.invoices.get(input.invoiceId))!;
    }
    if (invoice.status !== 'open') return record(deps, input, 'paid');
  }

  if (await paidBySubscription(deps.services, invoice.id)) return record(deps, input, 'not_charged', PAID_BY_SUBSCRIPTION);

  // A payment already under way (a crypto payment awaiting confirmations) is not charged beside.
  if (invoice.state.paymentPending) return record(deps, input, 'not_charged', 'A payment for this invoice was pending.');

  const card = customer.autopay && customer.defaultCardId ? await deps.cards.get(customer.id, customer.defaultCardId) : undefined;
  if (!card || isExpired(card, deps.clock.now())) return record(deps, input, 'not_charged');

  let result;
  try {
    // One key per dunning step: a second firing of the step (redelivered, or run concurrently) gets the
    // processor's first answer instead of charging again, even after a decline.
    result = await chargeInvoiceWithSavedCard(deps, { invoice, customer, card, idempotencyKey: `due-${invoice.id}-${input.step}`, by: SYSTEM });
  } catch (error) {
    if (error instanceof BusinessRuleError) return record(deps, input, 'not_charged', error.message);
    throw error;
  }
  switch (result.status) {
    case 'paid':
      return record(deps, input, 'paid');
    case 'processing':
      return 'processing';
    case 'declined':
      return record(deps, input, 'declined', result.message, { brand: card.brand, last4: card.last4 });
    case 'requires_action':
      return record(deps, input, 'requires_action', result.message);
  }
}

const PAID_BY_SUBSCRIPTION = 'The service’s PayPal subscription pays this invoice.';

/** True when the invoice bills a period of a service whose subscription is active at its provider. */
async function paidBySubscription(services: Pick<ServiceRepository, 'get' | 'periodsOfInvoice'>, invoiceId: string): Promise<boolean> {
  for (const period of await services.periodsOfInvoice(invoiceId)) {
    if ((await services.get(period.serviceId))?.paidBySubscription) return true;
  }
  return false;
}

/** Writes how the step ended, with the emails and the next retry it calls for; concurrent changes mean read again. */
async function record(
  deps: CardChargeDeps & { schedulePolicy: BillingSchedulePolicy },
  input: { invoiceId: string; step: number },
  outcome: Dunning['lastOutcome'],
  reason?: string,
  card?: { brand: string; last4: string },
): Promise<DueChargeResult> {
  // A decline is tried again on the next retry day; so is a charge the bank wanted the customer to
  // confirm (not counted as a decline), in case they add another card instead.
  const retryAt = outcome === 'declined' || outcome === 'requires_action'
    ? chargeAt((await deps.invoices.get(input.invoiceId))!.state.dueDate, input.step + 1, deps.schedulePolicy)
    : undefined;
  for (let tries = 0; tries < 10; tries++) {
    const current = await deps.invoices.get(input.invoiceId);
    if (!current || current.chargeStepDone(input.step)) return outcome;
    const next = current.recordChargeStep(input.step, outcome, deps.clock.now(), {
      ...(reason ? { reason } : {}), ...(retryAt ? { nextAttemptAt: retryAt } : {}),
    });
    try {
      await deps.invoices.save(next, current.state.version, effectsOf(next, input.step, outcome, retryAt, reason, card));
      if (outcome !== 'paid') await logUnpaid(deps, next, outcome, reason);
      return outcome;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`Invoice ${input.invoiceId} kept changing.`);
}

/**
 * The step's line in staff's activity log, written after the step's write (as a void's is): a crash
 * between the two loses that line only, never the step.
 */
async function logUnpaid(deps: CardChargeDeps, invoice: Invoice, outcome: UnpaidChargeOutcome, reason: string | undefined): Promise<void> {
  await deps.activity.record({
    id: deps.ids.newId('act'), invoiceId: invoice.id, kind: 'charge_failed', at: deps.clock.now().toISOString(), by: SYSTEM,
    amount: invoice.amountDue, outcome, ...(reason ? { reason } : {}),
  });
}

/** The emails and the next retry a step's outcome calls for; a decline's email names the card and the retry (or that none is left). */
function effectsOf(
  invoice: Invoice, step: number, outcome: Dunning['lastOutcome'], retryAt: Date | undefined, reason?: string, card?: { brand: string; last4: string },
): OutboxEffect[] {
  const retry: OutboxEffect[] = retryAt ? [{
    kind: 'schedule', key: `schedule#${invoice.id}#retry-${step + 1}`, invoiceId: invoice.id,
    entries: [{ action: 'charge', step: step + 1, at: retryAt.toISOString() }],
  }] : [];
  switch (outcome) {
    case 'requires_action':
      return [emailEffect({ kind: 'payment_action_required', invoiceId: invoice.id, attempt: step }), ...retry];
    case 'declined':
      return [emailEffect({
        kind: 'payment_declined', invoiceId: invoice.id, attempt: step,
        ...(reason ? { reason } : {}), ...(card ? { card } : {}), ...(retryAt ? { nextAttemptAt: retryAt.toISOString() } : {}),
      }), ...retry];
    default:
      return [];
  }
}
