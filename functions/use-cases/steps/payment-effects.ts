import type { Invoice } from '../../domain/invoice.js';
import { type Payment, type PaymentMethod } from '../../domain/payment.js';
import { isIncome } from '../figures/income-by-month.js';
import { type OutboxEffect, emailEffect } from '../../ports/outbox.js';

/**
 * What money paid to an invoice must cause: a receipt for the payment; and, once the invoice is
 * paid, its reminder and charges are no longer wanted (the charge re-checks the invoice anyway), and
 * its `invoice.paid` follow-up runs (its event; the services it bills paid through, unsuspended).
 * Every payment path builds its effects here, so none of them forgets the follow-up.
 */
export function paymentEffects(paid: Invoice, payment: { method: PaymentMethod; externalId: string }): OutboxEffect[] {
  return [
    emailEffect({ kind: 'payment_receipt', invoiceId: paid.id, paymentRef: payment }),
    ...(paid.status === 'paid' ? [unscheduleEffect(paid.id), invoicePaidEffect(paid.id)] : []),
  ];
}

/** The invoice became paid: keyed by the invoice, so that it is queued once however it was paid. */
export function invoicePaidEffect(invoiceId: string): OutboxEffect {
  return { kind: 'invoice_paid', key: `invoice_paid#${invoiceId}`, invoiceId };
}

/** The invoice's scheduled work (reminder, charges) is to be deleted: it was paid or voided. */
export function unscheduleEffect(invoiceId: string): OutboxEffect {
  return { kind: 'unschedule', key: `unschedule#${invoiceId}`, invoiceId };
}

/**
 * A card payment's fee is to be read from the processor (record-processor-fee.ts): keyed by the
 * payment, so that it is queued once however many invoices the payment paid. Other methods, and a
 * card payment whose fee came with the processor's answer: none.
 */
export function processorFeeEffects(payment: Pick<Payment, 'method' | 'externalId' | 'processorFee'>): OutboxEffect[] {
  return payment.method === 'card' && !payment.processorFee
    ? [{ kind: 'processor_fee', key: `processor_fee#${payment.method}#${payment.externalId}`, method: payment.method, externalId: payment.externalId }]
    : [];
}

/**
 * Money received is to be counted into its day's income (tally-income.ts), in the same transaction
 * as the payment, so the dashboard's figures never miss or double it. Keyed by the payment; money
 * paid from account credit is not income: none.
 */
export function incomeEffects(payment: Pick<Payment, 'method' | 'externalId' | 'amount' | 'receivedAt'>): OutboxEffect[] {
  return isIncome(payment)
    ? [{ kind: 'tally', key: `tally#${payment.method}#${payment.externalId}`, method: payment.method, externalId: payment.externalId, amount: payment.amount, receivedAt: payment.receivedAt }]
    : [];
}
