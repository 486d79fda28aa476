import type { PlannedCustomer } from '../domain/account-import/import-plan.js';
import type { Customer } from '../domain/customer.js';
import type { InvoiceActivity } from '../domain/invoice-activity.js';
import type { Invoice } from '../domain/invoice.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import type { Service } from '../domain/service.js';
import type { OutboxEffect } from './outbox.js';

/** An import of a checked file: its accounts stored in chunks, and how far writing them has got. */
export interface ImportJob {
  /** Derived from the file's content: the same file is the same job. */
  readonly id: string;
  readonly rows: number;
  readonly chunks: number;
  readonly customersTotal: number;
  /** Customers of finished chunks: `imported` now, or `skipped` because their email was already a customer's. */
  readonly customersDone: number;
  readonly imported: number;
  readonly skipped: number;
  /** When the file was accepted (ISO 8601, UTC); imported records are dated by it. */
  readonly createdAt: string;
}

export interface ImportChunk {
  readonly index: number;
  readonly customers: readonly PlannedCustomer[];
}

/** One account to create, all in one transaction, with ids derived from the file so a re-run writes the same items. */
export interface NewAccount {
  /** Not bound to a sign-in user yet: staff send the invitation later. */
  readonly customer: Customer;
  /** The opening credit: its `adjustment` entry, the customer's balance already including it. */
  readonly openingBalance?: LedgerEntry;
  readonly services: readonly Service[];
  /** Built with the invoice number the write takes for it, and its first activity line. */
  readonly invoices: ReadonlyArray<{ build(number: number): Invoice; activity(invoice: Invoice): InvoiceActivity }>;
  /** What the account's invoices cause once written (their schedules). */
  effects(invoices: readonly Invoice[]): readonly OutboxEffect[];
}

/** DynamoDB's limit of 100 items a transaction, less the invoice counter and the outbox item. */
export const MAX_WRITES_PER_BATCH = 98;

/** How many items an account takes in a transaction. */
export const writesOf = (account: NewAccount): number =>
  2 + (account.openingBalance ? 1 : 0) + account.services.length + 2 * account.invoices.length;

export interface AccountImports {
  /** Stores the job and its chunks unless it exists; answers the stored job either way. */
  createJob(job: ImportJob, chunks: readonly ImportChunk[]): Promise<ImportJob>;
  getJob(id: string): Promise<ImportJob | undefined>;
  /** The chunks not finished yet, in order. */
  pendingChunks(jobId: string): Promise<ImportChunk[]>;
  /**
   * Writes accounts in one transaction, each on condition that neither it nor its email exists, with
   * consecutive invoice numbers taken in the same transaction. An account already written (by an
   * earlier run of this job) or whose email is another customer's is left out, and the rest written.
   */
  writeAccounts(jobId: string, accounts: readonly NewAccount[]): Promise<{ written: number; alreadyWritten: number; emailTaken: number }>;
  /** Marks a chunk finished and adds its counts to the job, once however often it is called. */
  completeChunk(jobId: string, index: number, counts: { imported: number; skipped: number; customers: number }): Promise<void>;
  /** Up to `limit` customers of the job not invited yet. */
  listUninvited(jobId: string, limit: number): Promise<Customer[]>;
  /** Binds the customer to their sign-in user; once (a second call for a bound customer changes nothing). */
  markInvited(customerId: string, userSub: string): Promise<void>;
}
