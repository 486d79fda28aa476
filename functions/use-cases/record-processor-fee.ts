import { judgeProcessorFee } from '../domain/processor-fee.js';
import type { Clock } from '../ports/clock.js';
import type { PaymentFeeRecords } from '../ports/payment-fee-records.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import type { ProcessorFees } from '../ports/payments/processor-fees.js';

export interface RecordProcessorFeeDeps {
  readonly ledger: Pick<PaymentLedger, 'findPayment'>;
  readonly feeRecords: PaymentFeeRecords;
  /** Unset where no card processor is configured; a card payment's fee then cannot be read. */
  readonly processorFees: ProcessorFees | undefined;
  /** The fee share above which a payment is flagged for staff, in basis points (FEE_FLAG_PERCENT). */
  readonly feePolicy: { readonly flagAboveBasisPoints: number };
  readonly clock: Clock;
}

/**
 * What the processor kept of a card payment (the outbox effect written with every card payment,
 * steps/payment-effects.ts), carried out by the outbox consumer, after the payment is recorded and
 * never in the customer's request:
 *
 * 1. the payment is read; one that already has its fee is done (a redelivered item asks no one);
 * 2. the processor is asked for the fee of the payment's charge;
 * 3. the fee is judged against the threshold and written on the payment once.
 *
 * A fault at the processor throws, so that the stream delivers the item again; the payment itself
 * was recorded long before and is never held up by this.
 * @throws Error when the processor is not configured; the processor's errors (ProcessorFees)
 */
export async function recordProcessorFee(
  deps: RecordProcessorFeeDeps,
  input: { method: 'card'; externalId: string },
): Promise<'recorded' | 'already_recorded' | 'no_payment'> {
  const payment = await deps.ledger.findPayment(input.method, input.externalId);
  if (!payment) return 'no_payment';
  if (payment.processorFee) return 'already_recorded';
  if (!deps.processorFees) throw new Error(`The fee of ${input.method} payment ${input.externalId} cannot be read: no card processor is configured`);
  const reading = await deps.processorFees.feeOf(input.externalId);
  const fee = judgeProcessorFee(reading, deps.feePolicy.flagAboveBasisPoints, deps.clock.now());
  return deps.feeRecords.record(input, fee);
}
