import type { Invoice } from '../domain/invoice.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import type { Payment } from '../domain/payment.js';

/**
 * Records money received, atomically: the payment (at most one per external id), the invoice it paid
 * (on condition it is still the version read), and the ledger entry for any part that became credit
 * together with the customer's balance. All of it is written, or none.
 */
export interface PaymentLedger {
  /**
   * `duplicate`: this external payment was recorded before; nothing changed.
   * `stale`: the invoice changed since it was read; read it again and retry.
   */
  recordPayment(input: {
    payment: Payment;
    invoice?: { next: Invoice; expectedVersion: number };
    credit?: LedgerEntry;
  }): Promise<'recorded' | 'duplicate' | 'stale'>;
  findPayment(method: Payment['method'], externalId: string): Promise<Payment | undefined>;
  /** The customer's ledger, newest first. */
  listEntries(customerId: string, limit: number): Promise<LedgerEntry[]>;
}
