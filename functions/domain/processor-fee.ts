import type { Money } from './money.js';

/**
 * The default of the fee flag (FEE_FLAG_PERCENT): 4%, in basis points (hundredths of a percent).
 * A domestic card at the usual 2.9% + 0.30 USD stays under it from about 27.28 USD up; an
 * international card (+1.5%) is over it at any amount, so are small payments, where the fixed part
 * weighs most.
 */
export const DEFAULT_FEE_FLAG_BASIS_POINTS = 400;

/** One part of a processor's fee, as the processor itemises it (`stripe_fee`, `tax`, …). */
export interface ProcessorFeeDetail {
  /** In the currency of the fee, minor units. */
  readonly amountMinor: number;
  readonly type: string;
  readonly description: string;
}

/**
 * What the processor kept of a payment, as its own books say (Stripe: the balance transaction of the
 * payment's charge). `fee` and `settled` are in the currency the money settled in, which may differ
 * from the payment's (a EUR payment into a USD account settles in USD at `exchangeRate`).
 */
export interface ProcessorFee {
  readonly fee: Money;
  /** The payment as it reached the balance, before the fee (the balance transaction's `amount`). */
  readonly settled: Money;
  /** payment amount × exchangeRate = settled amount; absent when nothing was converted. */
  readonly exchangeRate?: number;
  readonly details: readonly ProcessorFeeDetail[];
  /** fee ÷ settled, in basis points, rounded half up (for display; the flag compares exactly). */
  readonly basisPoints: number;
  /** The fee was more than the threshold in force when it was recorded (see isFeeHigh). */
  readonly flagged: boolean;
  readonly recordedAt: string;
}

/** The fee as read from the processor, before it is judged. */
export type ProcessorFeeReading = Pick<ProcessorFee, 'fee' | 'settled' | 'exchangeRate' | 'details'>;

/**
 * True when the fee is MORE than `thresholdBasisPoints` of the settled amount: exactly at the
 * threshold is not high (4.00% with the default of 4% is not flagged; 4.01% is). Compared in
 * integers (fee × 10,000 > settled × threshold), so no rounding decides a boundary case.
 */
export function isFeeHigh(feeMinor: number, settledMinor: number, thresholdBasisPoints: number): boolean {
  if (settledMinor <= 0) return feeMinor > 0;
  return feeMinor * 10_000 > settledMinor * thresholdBasisPoints;
}

/**
 * The fee as it is recorded with its payment: its share of the settled amount, and whether it is
 * over the provider's threshold (in basis points).
 * @throws RangeError when the fee and the settled amount are in different currencies
 */
export function judgeProcessorFee(reading: ProcessorFeeReading, thresholdBasisPoints: number, at: Date): ProcessorFee {
  if (reading.fee.currency !== reading.settled.currency) {
    throw new RangeError(`A fee in ${reading.fee.currency} cannot be set against an amount settled in ${reading.settled.currency}`);
  }
  const fee = reading.fee.amountMinor;
  const settled = reading.settled.amountMinor;
  return {
    ...reading,
    basisPoints: settled > 0 ? Math.floor((fee * 10_000 * 2 + settled) / (settled * 2)) : 0,
    flagged: isFeeHigh(fee, settled, thresholdBasisPoints),
    recordedAt: at.toISOString(),
  };
}
