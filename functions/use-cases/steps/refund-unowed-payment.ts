import { SYSTEM } from '../../domain/invoice-activity.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { type Money, money } from '../../domain/money.js';
import type { Payment } from '../../domain/payment.js';
import { UNOWED_REFUND_REFERENCE, unowedRefundOf } from '../../domain/refund.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { InvoiceActivityLog } from '../../ports/invoice-activity-log.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import { PaymentProviderError } from '../../ports/payments/provider-errors.js';
import type { RefundProviders } from '../../ports/payments/refunds.js';

export type UnowedRefund = 'refunded' | 'failed' | 'spent' | 'not_needed';

/**
 * Money arrived for an invoice that was already paid or void (two card pages paid, a page paid after
 * the invoice was voided): the customer did not owe it, so it goes back to the card in full.
 *
 * 1. the amount, credited when the payment was recorded, is set aside: a `refunded_to_card` entry and
 *    the balance it lowers, once per payment (if the customer has already spent that credit on other
 *    invoices, there is nothing to give back), and the refund is listed for the staff refunds report,
 *    with its reason (money not owed);
 * 2. the provider is asked to refund, with one idempotency key per payment, so retries refund once;
 * 3. its answer is recorded: refunded (and the invoice's activity log says so, right after); or, if
 *    the provider will not, a `refund_failed` entry puts the amount back into credit, and the payment
 *    says why, for staff.
 *
 * A passing fault at the provider is thrown, leaving the refund pending: the webhook's next delivery
 * (providers retry for days) asks again under the same key.
 */
export async function refundUnowedPayment(
  deps: { ledger: PaymentLedger; ids: IdGenerator; clock: Clock; refunds: RefundProviders; activity: InvoiceActivityLog },
  payment: Payment,
  why: { invoiceNumber: number; invoiceStatus: string },
): Promise<UnowedRefund> {
  const provider = deps.refunds[payment.method as keyof RefundProviders];
  if (!payment.unowed || !provider || payment.refund?.status === 'refunded' || payment.refund?.status === 'failed') return 'not_needed';
  const now = deps.clock.now();
  const paidFor = `payment for invoice ${why.invoiceNumber}, which was already ${why.invoiceStatus}`;
  const started = await deps.ledger.startRefund({
    payment, refundedAt: now, listed: unowedRefundOf(payment, now), entry: entry(deps, payment, now, 'refunded_to_card', money(-payment.amount.amountMinor, payment.amount.currency), `Refunded to your card: ${paidFor}`),
  });
  if (started === 'finished') return 'not_needed';
  if (started === 'spent') return 'spent';

  try {
    const outcome = await provider.refund({
      paymentId: payment.externalId, amount: payment.amount, idempotencyKey: `refund-unowed-${payment.method}-${payment.externalId}`, reason: 'duplicate',
      reference: UNOWED_REFUND_REFERENCE,
    });
    if (outcome.status !== 'failed') {
      await deps.ledger.finishRefund(payment, outcome.refundId);
      if (payment.invoiceId) {
        await deps.activity.record({
          id: deps.ids.newId('act'), invoiceId: payment.invoiceId, kind: 'refunded', at: deps.clock.now().toISOString(), by: SYSTEM,
          amount: payment.amount, method: payment.method, paymentId: payment.externalId, destination: 'original',
        });
      }
      return 'refunded';
    }
    await giveBack(deps, payment, now, paidFor, `The refund failed at the provider (${outcome.reason}).`);
    return 'failed';
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    await giveBack(deps, payment, now, paidFor, `The provider refused the refund: ${error.message}`);
    return 'failed';
  }
}

async function giveBack(
  deps: { ledger: PaymentLedger; ids: IdGenerator },
  payment: Payment,
  now: Date,
  paidFor: string,
  failure: string,
): Promise<void> {
  await deps.ledger.failRefund(
    payment,
    entry(deps, payment, now, 'refund_failed', payment.amount, `Kept as credit (the refund to your card did not go through): ${paidFor}`),
    failure,
  );
}

function entry(
  deps: { ids: IdGenerator },
  payment: Payment,
  now: Date,
  kind: 'refunded_to_card' | 'refund_failed',
  amount: Money,
  description: string,
): LedgerEntry {
  return {
    id: deps.ids.newId('led'), customerId: payment.customerId, kind, amount, createdAt: now.toISOString(), description,
    ...(payment.invoiceId ? { invoiceId: payment.invoiceId } : {}),
  };
}
