import type { InvoiceActivity } from '../domain/invoice-activity.js';
import type { Invoice } from '../domain/invoice.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import type { Refund } from '../domain/refund.js';
import type { Payment } from '../domain/payment.js';
import type { OutboxEffect } from './outbox.js';
import type { Page } from './page.js';

/**
 * Records money received, atomically: the payment (at most one per external id), the invoice it paid
 * (on condition it is still the version read), and the ledger entry for any part that became credit
 * together with the customer's balance. All of it is written, or none.
 */
export interface PaymentLedger {
  /**
   * `duplicate`: this external payment was recorded before; nothing changed.
   * `stale`: an invoice changed since it was read (or another write raced); read again and retry.
   * `insufficient_credit`: the entry would take the balance below zero; nothing changed.
   * Several invoices (mass pay) are written in the same transaction, each on its own version, and so
   * are the lines the payment adds to their activity logs.
   */
  recordPayment(input: {
    payment: Payment;
    invoice?: { next: Invoice; expectedVersion: number };
    invoices?: ReadonlyArray<{ next: Invoice; expectedVersion: number }>;
    credit?: LedgerEntry;
    /** What the payment must cause (a receipt, schedules deleted), written with it. */
    effects?: readonly OutboxEffect[];
    activity?: readonly InvoiceActivity[];
  }): Promise<'recorded' | 'duplicate' | 'stale' | 'insufficient_credit'>;
  /** Writes a ledger entry alone (staff adjustments): `insufficient_credit` when it would take the balance below zero. */
  addEntry(entry: LedgerEntry): Promise<'recorded' | 'insufficient_credit'>;
  findPayment(method: Payment['method'], externalId: string): Promise<Payment | undefined>;
  /** Adds the card a payment was made with, for its receipt, if the payment does not name one yet. */
  noteCard(payment: Payment, card: { brand: string; last4: string }): Promise<void>;
  /** The payments received for an invoice, oldest first. */
  listInvoicePayments(invoiceId: string): Promise<Payment[]>;
  /**
   * Sets an unowed payment's amount aside for a refund to where it came from, once: the payment is
   * marked `refund: pending`, and `entry` (negative) is written with the balance it moves, on condition
   * that the balance stays ≥ 0.
   * `started`: set aside now; `pending`: set aside earlier and not finished (ask the provider again with
   * the same key); `finished`: refunded or failed before; `spent`: the customer's credit no longer holds
   * it (it paid other invoices), so there is nothing to give back. `listed` (domain/refund.ts
   * unowedRefundOf) is written with it, among every customer's refunds for the staff refunds report
   * (BillingFigures.refunds), but not among the payment's refunds staff made (RefundRecords.list).
   */
  startRefund(input: { payment: Payment; entry: LedgerEntry; refundedAt: Date; listed: Refund }): Promise<'started' | 'pending' | 'finished' | 'spent'>;
  /** The provider took the refund (`pending` → `refunded`, the listed refund too, under the provider's id). */
  finishRefund(payment: Payment, refundId: string): Promise<void>;
  /**
   * The provider would not refund: `reversal` (positive) puts the amount back into credit (`pending` →
   * `failed`), and the listed refund is removed: no money went back.
   */
  failRefund(payment: Payment, reversal: LedgerEntry, failure: string): Promise<void>;
  /** The customer's ledger, newest first. */
  listEntries(customerId: string, limit: number): Promise<LedgerEntry[]>;
  /**
   * The customer's entries in a time range (`from` inclusive, `to` exclusive, ISO timestamps; either
   * may be open), oldest first, a page at a time.
   */
  listEntriesBetween(customerId: string, range: { from?: string; to?: string; cursor?: string; limit: number }): Promise<Page<LedgerEntry>>;
  /** The sum of the customer's entries made before this one (its opening balance), in minor units. */
  balanceBefore(customerId: string, entry: Pick<LedgerEntry, 'createdAt' | 'id'>): Promise<number>;
}
