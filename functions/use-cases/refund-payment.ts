import { BusinessRuleError, ConflictError, NotFoundError, ProviderUnavailableError } from '../domain/errors.js';
import type { ActivityActor } from '../domain/invoice-activity.js';
import { money } from '../domain/money.js';
import type { Payment, PaymentMethod, ProviderPaymentMethod } from '../domain/payment.js';
import { type Refund, type RefundDestination, planRefund, refundActivities, refundableOf } from '../domain/refund.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { PaymentProviderError, PaymentProviderUnavailableError } from '../ports/payments/provider-errors.js';
import type { RefundProviders, Refunds } from '../ports/payments/refunds.js';
import type { UserDirectory } from '../ports/user-directory.js';
import type { PaymentRecord } from './steps/payment-history.js';
import { refundEntries } from './steps/refund-entries.js';
import { type SettleRefundDeps, completeRefund, invoiceChanges, releaseRefund } from './steps/settle-refund.js';
import { type StaffMember, staffActor } from './steps/staff-actor.js';

export type RefundPaymentDeps = SettleRefundDeps & { ledger: PaymentLedger; refunds: RefundProviders; users: UserDirectory };

export interface RefundRequest {
  method: PaymentMethod;
  externalId: string;
  amountMinor: number;
  destination: RefundDestination;
  /** Staff's browser's id for this refund: the same request twice refunds once. */
  requestId: string;
  staff: StaffMember;
}

/** Who does what with money, in the words staff read. */
const PROCESSOR: Record<ProviderPaymentMethod, string> = { card: 'The card processor', paypal: 'PayPal', crypto: 'The crypto processor' };
const MAX_ATTEMPTS = 20;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));

/**
 * Staff refund all or part of a payment, back where it came from or to account credit:
 *
 * 1. the request id names the refund: asked again, the same refund is answered (a pending one is
 *    finished under the same provider idempotency key), never a second one;
 * 2. to credit (or, for money received outside the system, paid back outside it): one transaction
 *    records the refund, moves the payment's refunded total on condition it is still the one read,
 *    changes the invoices (Invoice.recordRefund: a paid invoice stays paid) and writes the
 *    `refund_to_credit` entry and the activity lines;
 * 3. through a provider: the amount is set aside on the payment first (the same condition, so
 *    concurrent refunds can never together exceed what was paid), then the provider is asked with the
 *    request id as idempotency key and as the refund's reference, then the refund is completed as its
 *    webhook would complete it. If the provider refuses, or does not answer, the reservation is undone:
 *    nothing was refunded and everything is as it was; staff read why (422, or 502 to try again).
 * @throws NotFoundError when there is no such payment
 * @throws ValidationError / BusinessRuleError when the amount is not positive, or more than is left
 * @throws ProviderUnavailableError when the provider did not answer
 */
export async function refundPayment(deps: RefundPaymentDeps, input: RefundRequest): Promise<{ refund: Refund; payment: PaymentRecord }> {
  const found = await deps.ledger.findPayment(input.method, input.externalId);
  if (!found) throw new NotFoundError('Payment');
  const [existing, about] = await Promise.all([deps.refundRecords.find(found, input.requestId), aboutOf(deps, found)]);
  if (existing) {
    if (existing.amount.amountMinor !== input.amountMinor || existing.destination !== input.destination) {
      throw new ConflictError('This request was already used for another refund; reload the page and try again.');
    }
    return settled(deps, existing.status === 'pending' ? await askProvider(deps, providerOf(deps, found)!, existing, about) : existing);
  }
  const by = await staffActor(deps.users, input.staff);
  const provider = input.destination === 'original' ? providerOf(deps, found) : undefined;
  if (provider) return settled(deps, await askProvider(deps, provider, await reserve(deps, found, input, by, about), about));
  return settled(deps, await recordAtOnce(deps, found, input, by, about));
}

/** The provider that refunds this payment to its origin; none for money received outside the system. */
function providerOf(deps: RefundPaymentDeps, payment: Payment): Refunds | undefined {
  if (payment.method === 'offline' || payment.method === 'credit') return undefined;
  const provider = deps.refunds[payment.method];
  if (!provider) throw new BusinessRuleError(`${PROCESSOR[payment.method]} cannot take refunds here; refund this payment to account credit instead.`);
  return provider;
}

async function recordAtOnce(deps: RefundPaymentDeps, found: Payment, input: RefundRequest, by: ActivityActor, about: string): Promise<Refund> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const payment = attempt === 0 ? found : (await deps.ledger.findPayment(found.method, found.externalId))!;
    const now = deps.clock.now();
    const planned = planRefund(payment, { requestId: input.requestId, amount: money(input.amountMinor, payment.amount.currency), destination: input.destination, by, at: now });
    const refund: Refund = { ...planned, status: 'refunded', refundedAt: now.toISOString() };
    const { credit } = refundEntries(deps.ids, refund, about);
    const result = await deps.refundRecords.record({
      payment, refund, invoices: await invoiceChanges(deps.invoices, refund), ...(credit ? { credit } : {}),
      activity: refundActivities(refund, () => deps.ids.newId('act')),
    });
    if (result === 'recorded') return refund;
    if (result === 'duplicate') return (await deps.refundRecords.find(payment, input.requestId))!;
    if (result === 'insufficient_credit') throw spentCredit();
    await pause(attempt);
  }
  throw new ConflictError('The payment or its invoice kept changing; nothing was refunded. Please try again.');
}

/** Sets the amount aside on the payment before any money moves; a duplicate request finds its refund. */
async function reserve(deps: RefundPaymentDeps, found: Payment, input: RefundRequest, by: ActivityActor, about: string): Promise<Refund> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const payment = attempt === 0 ? found : (await deps.ledger.findPayment(found.method, found.externalId))!;
    const refund = planRefund(payment, {
      requestId: input.requestId, amount: money(input.amountMinor, payment.amount.currency), destination: 'original', by, at: deps.clock.now(),
    });
    const { credit } = refundEntries(deps.ids, refund, about);
    const result = await deps.refundRecords.reserve({ payment, refund, ...(credit ? { credit } : {}) });
    if (result === 'reserved') return refund;
    if (result === 'duplicate') return (await deps.refundRecords.find(payment, input.requestId))!;
    if (result === 'insufficient_credit') throw spentCredit();
    await pause(attempt);
  }
  throw new ConflictError('The payment kept changing; nothing was refunded. Please try again.');
}

/**
 * Asks the provider to refund a reserved refund, with the request id as idempotency key (so asking
 * again never refunds twice), then completes it; or undoes the reservation if the provider refuses.
 */
async function askProvider(deps: RefundPaymentDeps, provider: Refunds, refund: Refund, about: string): Promise<Refund> {
  if (refund.status === 'refunded') return refund;
  const processor = PROCESSOR[refund.payment.method as ProviderPaymentMethod];
  const { giveBack } = refundEntries(deps.ids, refund, about);
  let outcome;
  try {
    outcome = await provider.refund({
      paymentId: refund.payment.externalId, amount: refund.amount, idempotencyKey: `staff-refund-${refund.requestId}`,
      reason: 'requested_by_customer', reference: refund.requestId,
    });
  } catch (error) {
    if (error instanceof PaymentProviderError) {
      await releaseRefund(deps, refund, giveBack);
      throw new BusinessRuleError(`${processor} refused the refund, so nothing was refunded and nothing changed. It said: ${error.message}`, { cause: error });
    }
    if (error instanceof PaymentProviderUnavailableError) {
      // Nothing is known to have moved. Had it moved after all, its webhook names this request and records it.
      await releaseRefund(deps, refund, giveBack);
      throw new ProviderUnavailableError(`${processor} did not answer, so nothing was refunded and nothing changed. Please try again in a few minutes.`, { cause: error });
    }
    throw error;
  }
  if (outcome.status === 'failed') {
    await releaseRefund(deps, refund, giveBack);
    throw new BusinessRuleError(`${processor} could not make the refund (${outcome.reason}), so nothing was refunded and nothing changed.`);
  }
  return completeRefund(deps, refund, outcome.refundId, giveBack);
}

function spentCredit(): BusinessRuleError {
  return new BusinessRuleError(
    'Part of this refund would come out of the account credit the payment became, and the customer has spent that credit. Refund less, up to what paid the invoice.',
  );
}

/** What the payment was for, for the customer's history: "invoice 12", or several invoices. */
async function aboutOf(deps: RefundPaymentDeps, payment: Payment): Promise<string> {
  if (payment.allocations) return `${payment.allocations.length} invoices`;
  if (!payment.invoiceId) return 'account credit';
  const invoice = await deps.invoices.get(payment.invoiceId);
  return invoice ? `invoice ${invoice.state.number}` : 'an invoice';
}

/** The refund as it stands, with the payment as it now reads: its refunds, and what is left to refund. */
async function settled(deps: RefundPaymentDeps, refund: Refund): Promise<{ refund: Refund; payment: PaymentRecord }> {
  const [payment, refunds] = await Promise.all([
    deps.ledger.findPayment(refund.payment.method, refund.payment.externalId), deps.refundRecords.list(refund.payment),
  ]);
  return { refund, payment: { payment: payment!, refunds, refundable: refundableOf(payment!) } };
}
