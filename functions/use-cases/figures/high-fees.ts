import type { Payment, PaymentMethod } from '../../domain/payment.js';

/** A payment whose processor fee was flagged, as the dashboard lists it (amounts in minor units). */
export interface HighFeePayment {
  readonly method: PaymentMethod;
  readonly externalId: string;
  readonly customerId: string;
  readonly invoiceId?: string;
  /** The payment, in its own currency. */
  readonly amount: number;
  readonly currency: string;
  /** The fee, in the currency the money settled in (`feeCurrency`). */
  readonly fee: number;
  readonly feeCurrency: string;
  readonly basisPoints: number;
  readonly receivedAt: string;
}

/** How many payments in the range had a flagged fee, and the newest `listed` of them. */
export interface HighFees {
  readonly count: number;
  readonly payments: readonly HighFeePayment[];
}

/**
 * The payments received from `from` (inclusive) whose processor fee was over the provider's threshold
 * when it was recorded (`processorFee.flagged`), newest first: staff may suggest another way to pay.
 */
export function highFees(payments: readonly Payment[], from: Date, listed: number): HighFees {
  const since = from.toISOString();
  const found = payments.filter((p) => p.processorFee?.flagged && p.receivedAt >= since)
    .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return {
    count: found.length,
    payments: found.slice(0, listed).map((p) => ({
      method: p.method, externalId: p.externalId, customerId: p.customerId, ...(p.invoiceId ? { invoiceId: p.invoiceId } : {}),
      amount: p.amount.amountMinor, currency: p.amount.currency,
      fee: p.processorFee!.fee.amountMinor, feeCurrency: p.processorFee!.fee.currency, basisPoints: p.processorFee!.basisPoints,
      receivedAt: p.receivedAt,
    })),
  };
}
