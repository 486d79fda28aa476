import type { Customer } from '../../domain/customer.js';
import { ConflictError } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoice.js';
import type { ActivityActor } from '../../domain/invoice-activity.js';
import type { Money } from '../../domain/money.js';
import { judgeProcessorFee } from '../../domain/processor-fee.js';
import type { SavedCard } from '../../domain/saved-card.js';
import type { ProviderAccounts } from '../../ports/payments/provider-accounts.js';
import type { ProviderCustomers } from '../../ports/payments/provider-customers.js';
import type { AmountLimits } from '../../ports/payments/amount-limits.js';
import type { PaymentFeeRecords } from '../../ports/payment-fee-records.js';
import type { HostedCheckouts } from '../../ports/payments/hosted-checkout.js';
import { PaymentProviderError, PaymentProviderRateLimitedError } from '../../ports/payments/provider-errors.js';
import type { SavedPaymentMethods } from '../../ports/payments/saved-payment-methods.js';
import { assertChargeable } from './assert-chargeable.js';
import { closeCheckout } from './close-checkout.js';
import { ensureProviderCustomer } from './ensure-provider-customer.js';
import { providerCall } from './provider-call.js';
import { type RecordPaymentDeps, recordPayment } from './record-payment.js';

export type CardChargeResult =
  | { status: 'paid'; invoice: Invoice }
  | { status: 'declined'; message: string }
  | { status: 'requires_action'; message: string }
  | { status: 'processing' };

export type CardChargeDeps = RecordPaymentDeps & {
  /** The fee share above which a payment is flagged for staff, in basis points (FEE_FLAG_PERCENT). */
  feePolicy: { readonly flagAboveBasisPoints: number };
  /** Where the fee the charge's answer carries is kept, when the webhook recorded the payment first. */
  feeRecords: PaymentFeeRecords;
  accounts: ProviderAccounts;
  checkouts: HostedCheckouts;
  cardLimits: AmountLimits;
  providerCustomers: ProviderCustomers;
  savedMethods: SavedPaymentMethods;
};

/**
 * Charges a saved card for what an invoice owes, with the customer absent or present. The shared core
 * of "Pay with this card", the due-date charge and their retries:
 *
 * 1. take a charge attempt on the invoice (a conditional write: of fifty concurrent tries, one wins;
 *    the rest are told a payment is in progress), after closing any card page still open for it; a
 *    write lost to an unrelated change is tried again on the invoice as it now stands;
 * 2. charge with the attempt's idempotency key (`charge-<invoice>-<attempt>`, or the caller's: the
 *    automatic charges give one per dunning step), kept on the attempt and the same on every retry of
 *    it, whoever resumes it, so the processor charges at most once whatever fails between;
 * 3. record the outcome: a success through `recordPayment` (once per processor payment id, whether
 *    this answer or the webhook arrives first), with the processor's fee when its answer carries
 *    one, then close the attempt.
 *
 * If the processor is unreachable the attempt stays open; once its lease runs out, a retry resumes it
 * under the same key and gets the processor's first answer.
 * @throws ConflictError when another payment of the invoice is in progress
 * @throws BusinessRuleError when cards cannot be charged this amount
 */
export async function chargeInvoiceWithSavedCard(
  deps: CardChargeDeps,
  input: {
    invoice: Invoice; customer: Customer; card: SavedCard; idempotencyKey?: string;
    /** Who charged, for the invoice's activity log: the customer, unless said (the automatic charge). */
    by?: ActivityActor;
  },
): Promise<CardChargeResult> {
  const { invoice, customer, card } = input;
  if (invoice.status === 'paid') return { status: 'paid', invoice };
  assertChargeable(deps.cardLimits, invoice.amountDue);
  const customerRef = await ensureProviderCustomer(deps, 'card', customer);

  const taken = await takeChargeAttempt(deps, invoice, input.idempotencyKey);
  if ('paid' in taken) return { status: 'paid', invoice: taken.paid };
  if ('processing' in taken) return { status: 'processing' };
  const { attempt, amount, idempotencyKey } = taken;

  const outcome = await providerCall(async () => {
    try {
      return await deps.savedMethods.charge({
        customerRef, billingCustomerId: customer.id, methodId: card.id, invoiceId: invoice.id, amount,
        idempotencyKey,
      });
    } catch (error) {
      // A refusal (a bad request, or the rate limiter's 429, not a passing fault) charged nothing: free
      // the invoice at once. After any other passing fault the outcome is unknown, so the attempt
      // keeps its lease and is resumed later under the same key.
      if (error instanceof PaymentProviderError || error instanceof PaymentProviderRateLimitedError) await finishAttempt(deps, invoice.id, attempt);
      throw error;
    }
  });

  if (outcome.kind === 'processing') return { status: 'processing' };
  if (outcome.kind === 'succeeded') {
    // The processor's answer carries its fee: recorded with the payment, so nothing asks for it again.
    const processorFee = outcome.fee && judgeProcessorFee(outcome.fee, deps.feePolicy.flagAboveBasisPoints, deps.clock.now());
    const recorded = await recordPayment(deps, {
      method: 'card', externalId: outcome.paymentId, customerId: customer.id, invoiceId: invoice.id, amount: outcome.amount,
      closesAttempt: attempt, card: { brand: card.brand, last4: card.last4 }, ...(processorFee ? { processorFee } : {}),
      ...(input.by ? { by: input.by } : {}),
    });
    if (processorFee && !recorded.payment.processorFee) await deps.feeRecords.record(recorded.payment, processorFee);
    const paid = recorded.invoice;
    // The webhook may have recorded it first, leaving our attempt open: close it.
    const settled = paid?.state.chargeAttempt?.status === 'in_progress' ? await finishAttempt(deps, invoice.id, attempt) : paid;
    return { status: 'paid', invoice: settled ?? paid! };
  }
  await finishAttempt(deps, invoice.id, attempt);
  switch (outcome.kind) {
    case 'declined':
      return { status: 'declined', message: outcome.message };
    case 'requires_action':
      return { status: 'requires_action', message: 'Your bank wants you to confirm this payment. Pay it on the card page to continue.' };
  }
}

type TakenAttempt = { attempt: number; amount: Money; idempotencyKey: string } | { paid: Invoice } | { processing: true };

/**
 * Takes the invoice for one charge attempt: a card page left open for it is closed first, so that it
 * and this charge cannot both pay. A write that lost to another (a webhook, a reminder, credit
 * applied) reads the invoice again and tries again, so that only another payment in progress stops
 * the charge, never an unrelated change.
 * @throws ConflictError when another payment of the invoice is in progress, or it kept changing
 * @throws BusinessRuleError when the invoice can no longer take a payment (voided)
 */
async function takeChargeAttempt(deps: CardChargeDeps, invoice: Invoice, idempotencyKey: string | undefined): Promise<TakenAttempt> {
  const key = idempotencyKey ? { idempotencyKey } : {};
  let current = invoice;
  for (let tries = 0; tries < MAX_TAKE_TRIES; tries++) {
    if (current.status === 'paid') return { paid: current };
    let taken = current.beginChargeAttempt(deps.clock.now(), key);
    if ('checkoutOpen' in taken) {
      const closed = await closeCheckout(deps, current, taken.checkoutOpen);
      if (closed === 'completed') return { processing: true };
      current = closed;
      taken = current.beginChargeAttempt(deps.clock.now(), key);
    }
    if ('busy' in taken || 'checkoutOpen' in taken) throw new ConflictError(IN_PROGRESS);
    try {
      await deps.invoices.save(taken.invoice, current.state.version);
      return taken;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
    current = (await deps.invoices.get(invoice.id)) ?? current;
  }
  throw new ConflictError(IN_PROGRESS);
}

const MAX_TAKE_TRIES = 5;
const IN_PROGRESS = 'A payment for this invoice is already in progress.';

/**
 * Closes the attempt and returns the invoice as it now stands; a concurrent change (the webhook
 * recording the payment) just means read again.
 */
async function finishAttempt(deps: RecordPaymentDeps, invoiceId: string, attempt: number): Promise<Invoice | undefined> {
  for (let tries = 0; tries < 5; tries++) {
    const current = await deps.invoices.get(invoiceId);
    if (!current) return undefined;
    const finished = current.finishChargeAttempt(attempt);
    if (finished === current) return current;
    try {
      await deps.invoices.save(finished, current.state.version);
      return finished;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return undefined;
}
