import { ConflictError } from '../../domain/errors.js';
import type { ActivityActor } from '../../domain/invoice-activity.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import type { Payment } from '../../domain/payment.js';
import { type Refund, UNOWED_REFUND_REFERENCE, planRefund, refundActivities } from '../../domain/refund.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import type { PaymentEvent } from '../../ports/payments/payment-events.js';
import type { EventResolution } from '../../ports/payments/webhook-claims.js';
import { refundEntries } from './refund-entries.js';
import { type SettleRefundDeps, completeRefund, invoiceChanges } from './settle-refund.js';

type RefundEvent = Extract<PaymentEvent, { type: 'payment.refunded' }>;
type Handling = Omit<EventResolution, 'eventType'>;

const MAX_ATTEMPTS = 20;

/**
 * A provider says money of a payment went back, naming the refund. Matched by the refund's id and by
 * the reference we gave it, so that:
 * - a refund already recorded under that id changes nothing (any number of deliveries);
 * - a refund staff asked for (the reference is their request id) is completed if its answer has not
 *   been recorded yet (the process died after the provider took it), and otherwise changes nothing;
 * - our automatic refund of money not owed is left to its own steps;
 * - any other refund was made at the provider's dashboard: it is recorded as staff's refunds are (the
 *   invoice, the credit it came out of, the activity log, by "the provider"), under its reference or
 *   refund id, so a staff retry of a request whose answer was lost finds it.
 * An event naming only a running total changes nothing: its refund's own event records it.
 * @throws ConflictError when the payment is not recorded yet: the provider delivers the event again
 */
export async function recordProviderRefund(deps: SettleRefundDeps & { ledger: PaymentLedger }, event: RefundEvent): Promise<Handling> {
  const named = event.refund;
  if (!named) return { outcome: 'ignored', reason: `Payment ${event.paymentId}: refunds are recorded from the event that names each refund.` };
  const payment = await deps.ledger.findPayment(event.method, event.paymentId);
  if (!payment) throw new ConflictError(`Payment ${event.paymentId} is not recorded yet; its refund waits for the provider's next delivery.`);
  if (await deps.refundRecords.findByProviderRefund(payment, named.refundId)) {
    return { outcome: 'ignored', reason: `Refund ${named.refundId} is recorded already.` };
  }
  if (named.reference === UNOWED_REFUND_REFERENCE || payment.refund?.refundId === named.refundId) {
    return { outcome: 'ignored', reason: `Refund ${named.refundId} gives back money not owed; its own steps record it.` };
  }
  const requestId = named.reference ?? `provider-${named.refundId}`;
  const ours = await deps.refundRecords.find(payment, requestId);
  if (ours?.status === 'refunded') return { outcome: 'ignored', reason: `Refund ${named.refundId} is recorded already.` };
  if (ours) {
    await completeRefund(deps, ours, named.refundId, undefined);
    return { outcome: 'applied' };
  }
  return recordMadeAtProvider(deps, payment, event, requestId);
}

async function recordMadeAtProvider(
  deps: SettleRefundDeps & { ledger: PaymentLedger },
  found: Payment,
  event: RefundEvent,
  requestId: string,
): Promise<Handling> {
  const named = event.refund!;
  const by: ActivityActor = { kind: 'provider', method: event.method };
  let takeCredit = true;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const payment = attempt === 0 ? found : (await deps.ledger.findPayment(found.method, found.externalId))!;
    const now = deps.clock.now();
    let refund: Refund;
    try {
      refund = {
        ...planRefund(payment, { requestId, amount: named.amount, destination: 'original', by, at: now }),
        status: 'refunded', refundedAt: now.toISOString(), providerRefundId: named.refundId,
      };
    } catch (error) {
      // Our records say less is left than the provider refunded: nothing is recorded, staff must look.
      return { outcome: 'refused', reason: `Refund ${named.refundId} of payment ${payment.externalId}: ${(error as Error).message}` };
    }
    const credit: LedgerEntry | undefined = takeCredit ? refundEntries(deps.ids, refund, about(payment)).credit : undefined;
    const result = await deps.refundRecords.record({
      payment, refund, invoices: await invoiceChanges(deps.invoices, refund), ...(credit ? { credit } : {}),
      activity: refundActivities(refund, () => deps.ids.newId('act')),
    });
    if (result === 'recorded') {
      return takeCredit
        ? { outcome: 'applied' }
        : { outcome: 'applied', reason: `Refund ${named.refundId} was recorded, but the customer had spent the credit it should have taken back; staff must settle it.` };
    }
    if (result === 'duplicate' || result === 'refund_id_taken') return { outcome: 'ignored', reason: `Refund ${named.refundId} is recorded already.` };
    // The money has left: record the refund all the same, without taking credit the customer no longer has.
    if (result === 'insufficient_credit') takeCredit = false;
    else await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new ConflictError(`Refund ${named.refundId}: the payment or its invoice kept changing.`);
}

function about(payment: Payment): string {
  if (payment.allocations) return `${payment.allocations.length} invoices`;
  return payment.invoiceId ? 'an invoice' : 'account credit';
}
