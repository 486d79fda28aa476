import type { Invoice } from '../domain/invoice.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import type { Payment } from '../domain/payment.js';
import type { Refund } from '../domain/refund.js';
import type { Service } from '../domain/service.js';

/**
 * A read of many items that stops at a documented limit rather than reading on without end:
 * `complete` is false when the limit cut it short, and the figures built on it must say so.
 */
export interface BoundedRead<T> {
  readonly items: readonly T[];
  readonly complete: boolean;
}

/**
 * What the staff dashboard and the reports read across all customers. Each read is one index query
 * (see ACCESS-PATTERNS.md), never a scan of the table, and reads at most `limit` items.
 */
export interface BillingFigures {
  /** Payments received from `from` (inclusive) to `to` (exclusive), oldest first; every method. */
  paymentsReceived(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Payment>>;
  /**
   * The payments received from `from` (inclusive) to `to` (exclusive) whose processor fee was flagged
   * (`processorFee.flagged`), oldest first. Reads every payment of the range and keeps the flagged:
   * meant for a short range (the dashboard's month).
   */
  flaggedPaymentsReceived(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Payment>>;
  /** Every open invoice (unpaid or partly paid; overdue or not; with a payment pending or not). */
  openInvoices(limit: number): Promise<BoundedRead<Invoice>>;
  /** Invoices issued from `from` (inclusive) to `to` (exclusive), newest first. */
  invoicesIssued(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Invoice>>;
  /** Every customer's ledger entries made from `from` (inclusive) to `to` (exclusive), oldest first. */
  ledgerEntries(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<LedgerEntry>>;
  /** Refunds of payments asked for from `from` (inclusive) to `to` (exclusive), oldest first. */
  refunds(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Refund>>;
  /** Every service, whatever its status (cancelled ones too), oldest first. */
  services(limit: number): Promise<BoundedRead<Service>>;
  /** How many customers' current email address bounces (see `currentEmailBounce`). */
  countCustomersWithBouncingEmail(): Promise<number>;
}
