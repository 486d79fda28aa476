import type { Invoice, InvoiceStatus } from '../domain/invoice.js';
import type { OutboxEffect } from './outbox.js';
import type { InvoiceActivity } from '../domain/invoice-activity.js';
import type { Page, PageRequest } from './page.js';
import type { ServiceBilling } from './service-repository.js';

/**
 * How a list of invoices is narrowed. `unpaid` is open with no payment settling, overdue or not;
 * `overdue` is unpaid and past its due date; `pending` is open with a payment settling.
 */
export type InvoiceFilter = InvoiceStatus | 'unpaid' | 'overdue' | 'pending';

/**
 * A list narrowed further, as the dashboard's figures link to it: one currency (ISO 4217 code),
 * and a due date within `dueFrom`..`dueTo` (calendar dates, both inclusive, either open).
 */
export interface InvoiceNarrowing {
  readonly currency?: string;
  readonly dueFrom?: string;
  readonly dueTo?: string;
}

/** What a page of an invoice list asks for. */
export type InvoiceListRequest = PageRequest & { filter?: InvoiceFilter; narrowing?: InvoiceNarrowing; today: string };

/** What is written with a new invoice, in its transaction. */
export interface CreateNumberedOptions {
  readonly activity?: (invoice: Invoice) => InvoiceActivity;
  readonly effects?: (invoice: Invoice) => readonly OutboxEffect[];
  readonly service?: ServiceBilling;
}

export interface InvoiceRepository {
  /**
   * Takes the next invoice number and stores the invoice that `build` makes with it, atomically:
   * numbers are consecutive and gap-free however many invoices are created at once. In the same
   * transaction: `activity`, the line its log opens with ("issued"), and `effects`, what issuing it
   * causes (its email, its schedules); and, for a service's invoice, `service`: the period claimed once
   * and the service moved on (see ServiceBilling).
   * @throws ConflictError when `service`'s period was already invoiced, or the service changed meanwhile
   */
  createNumbered(build: (number: number) => Invoice, options?: CreateNumberedOptions): Promise<Invoice>;
  get(id: string): Promise<Invoice | undefined>;
  /**
   * Writes a changed invoice on condition that the stored one is still the version it was read at,
   * with the change's `effects` in the same transaction; throws ConflictError otherwise.
   */
  save(invoice: Invoice, expectedVersion: number, effects?: readonly OutboxEffect[]): Promise<void>;
  /** Newest first. */
  listByCustomer(customerId: string, request: InvoiceListRequest): Promise<Page<Invoice>>;
  /** Every open invoice of the customer, in no particular order: what they may owe. */
  listOpenByCustomer(customerId: string): Promise<Invoice[]>;
  /** Every customer's open invoices due before `date` (overdue on that day), earliest due first. */
  listOpenDueBefore(date: string): Promise<Invoice[]>;
  /** Every customer's invoices, newest first. */
  list(request: InvoiceListRequest): Promise<Page<Invoice>>;
}
