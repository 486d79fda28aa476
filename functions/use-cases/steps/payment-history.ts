import type { Payment } from '../../domain/payment.js';
import { type Refund, type Refundable, refundableOf } from '../../domain/refund.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import type { RefundRecords } from '../../ports/refund-records.js';

/** One payment in an invoice's history: as it went to this invoice, its refunds, and what is left to refund of it. */
export interface PaymentRecord {
  readonly payment: Payment;
  readonly refunds: readonly Refund[];
  readonly refundable: Refundable;
}

/**
 * The payments received for an invoice, oldest first, each with its refunds. What is left to refund
 * is read from the payment itself (consistently: the invoice's list comes from an index, which may
 * trail a refund just made; and a mass payment's line there holds only this invoice's share).
 */
export async function paymentHistory(deps: { ledger: PaymentLedger; refundRecords: RefundRecords }, invoiceId: string): Promise<PaymentRecord[]> {
  const payments = await deps.ledger.listInvoicePayments(invoiceId);
  return Promise.all(payments.map(async (payment) => {
    const [refunds, whole] = await Promise.all([deps.refundRecords.list(payment), deps.ledger.findPayment(payment.method, payment.externalId)]);
    return { payment, refunds, refundable: refundableOf(whole ?? payment) };
  }));
}
