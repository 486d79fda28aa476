import type { Invoice } from '../domain/invoice.js';
import type { InvoiceActivity } from '../domain/invoice-activity.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import type { Payment } from '../domain/payment.js';
import type { Refund } from '../domain/refund.js';

/** An invoice a refund changes, written on condition that it is still the version read. */
export interface InvoiceChange { readonly next: Invoice; readonly expectedVersion: number }

/** A payment by its method and external id. */
export type PaymentKey = Pick<Payment, 'method' | 'externalId'>;

/**
 * The refunds of payments, each written with what it changes in one transaction. Every write that
 * moves a payment's refunded total is conditioned on the total (and the automatic refund of money
 * not owed) being as `payment` says they were when read, so that two refunds at once can never give
 * back more than was paid: the second sees `stale`, reads again and finds less left.
 */
export interface RefundRecords {
  find(payment: PaymentKey, requestId: string): Promise<Refund | undefined>;
  /** The refund recorded under the provider's refund id, if any. */
  findByProviderRefund(payment: PaymentKey, providerRefundId: string): Promise<Refund | undefined>;
  /** A payment's refunds, oldest first. */
  list(payment: PaymentKey): Promise<Refund[]>;
  /**
   * Sets a refund's amount aside before the provider is asked: the payment's totals move and the
   * refund is stored `pending`; `credit` (negative) takes its part that had become account credit.
   * `duplicate`: this request id is recorded already (read it); `insufficient_credit`: the customer
   * has spent that credit. Nothing changes unless `reserved`.
   */
  reserve(input: { payment: Payment; refund: Refund; credit?: LedgerEntry }): Promise<'reserved' | 'duplicate' | 'stale' | 'insufficient_credit'>;
  /**
   * The provider took a reserved refund: it becomes `refunded` under the provider's refund id, its
   * invoices change and their logs say so. `already_completed`: it was (its webhook came first);
   * `refund_id_taken`: another record holds that provider refund id (release this one); `stale`: an
   * invoice changed, read it again.
   */
  complete(input: { refund: Refund; invoices: readonly InvoiceChange[]; activity: readonly InvoiceActivity[] }): Promise<'completed' | 'already_completed' | 'refund_id_taken' | 'stale'>;
  /**
   * The provider refused a reserved refund: it is removed and the payment's totals move back, so
   * everything is as it was; `giveBack` (positive) returns the credit part that `reserve` took.
   * Nothing happens if it is no longer pending.
   */
  release(input: { refund: Refund; giveBack?: LedgerEntry }): Promise<void>;
  /**
   * Records a refund that is done at once, in one transaction: to account credit (`credit` positive),
   * paid back outside the system, or made at the provider's dashboard (`credit` negative for its
   * credit part; the provider's refund id claimed). Outcomes as for `reserve`, and `refund_id_taken`.
   */
  record(input: {
    payment: Payment; refund: Refund; invoices: readonly InvoiceChange[]; credit?: LedgerEntry; activity: readonly InvoiceActivity[];
  }): Promise<'recorded' | 'duplicate' | 'stale' | 'insufficient_credit' | 'refund_id_taken'>;
}
