import type { InvoiceActivity } from '../domain/invoice-activity.js';

/**
 * Each invoice's activity log. Lines that go with a money movement or an issue are written in that
 * change's own transaction (PaymentLedger, RefundRecords, InvoiceRepository.createNumbered); this port
 * writes the others, right after the change they log, and reads the log.
 */
export interface InvoiceActivityLog {
  /** Appends one line; one with the same id and time written before is left as it is (a retry). */
  record(activity: InvoiceActivity): Promise<void>;
  /**
   * The customer opened the invoice: logged unless a view was logged less than `quietMs` before
   * (`recent`), so a page that polls, or reloads, is one line an hour, not hundreds.
   */
  recordView(activity: InvoiceActivity, quietMs: number): Promise<'recorded' | 'recent'>;
  /** The invoice's log, oldest first. */
  list(invoiceId: string): Promise<InvoiceActivity[]>;
}
