import { ConflictError } from '../../../functions/domain/errors.js';
import type { Invoice } from '../../../functions/domain/invoice.js';
import type { InvoiceFilter, InvoiceRepository } from '../../../functions/ports/invoice-repository.js';
import type { Page, PageRequest } from '../../../functions/ports/page.js';
import { pageOf } from './paging.js';

type ListRequest = PageRequest & { filter?: InvoiceFilter; today: string };

/** The DynamoDB adapter's filter semantics: `unpaid` (overdue included) and `overdue` leave out invoices with a payment settling. */
function matches(invoice: Invoice, filter: InvoiceFilter | undefined, today: string): boolean {
  const s = invoice.state;
  switch (filter) {
    case undefined: return true;
    case 'unpaid': return s.status === 'open' && !s.paymentPending;
    case 'overdue': return s.status === 'open' && !s.paymentPending && s.dueDate < today;
    case 'pending': return s.status === 'open' && s.paymentPending;
    default: return s.status === filter;
  }
}

/**
 * Invoices in a map, with the DynamoDB adapter's contract: numbers are taken only when the invoice
 * is stored (so an invoice that fails to build leaves no gap), and `save` is conditioned on the
 * version that was read.
 */
export class InMemoryInvoiceRepository implements InvoiceRepository {
  private readonly byId = new Map<string, Invoice>();
  private lastNumber = 0;

  get all(): readonly Invoice[] {
    return [...this.byId.values()];
  }

  /** The number the last stored invoice got; 0 before the first. */
  get lastIssuedNumber(): number {
    return this.lastNumber;
  }

  /** Puts an invoice in storage as it is, for arranging a test; numbering follows the highest number seen. */
  seed(invoice: Invoice): void {
    this.byId.set(invoice.id, invoice);
    this.lastNumber = Math.max(this.lastNumber, invoice.state.number);
  }

  async createNumbered(build: (number: number) => Invoice): Promise<Invoice> {
    const invoice = build(this.lastNumber + 1);
    if (this.byId.has(invoice.id)) throw new ConflictError(`Invoice ${invoice.id} already exists.`);
    this.lastNumber += 1;
    this.byId.set(invoice.id, invoice);
    return invoice;
  }

  async listOpenDueBefore(date: string): Promise<Invoice[]> {
    return this.all.filter((i) => i.status === 'open' && i.state.dueDate < date).sort((a, b) => a.state.dueDate.localeCompare(b.state.dueDate));
  }

  async get(id: string): Promise<Invoice | undefined> {
    return this.byId.get(id);
  }

  async save(invoice: Invoice, expectedVersion: number): Promise<void> {
    const stored = this.byId.get(invoice.id);
    if (!stored || stored.state.version !== expectedVersion) {
      throw new ConflictError('The invoice was changed by someone else; reload it and try again.');
    }
    this.byId.set(invoice.id, invoice);
  }

  async listByCustomer(customerId: string, request: ListRequest): Promise<Page<Invoice>> {
    return this.page((i) => i.customerId === customerId, request);
  }

  async listOpenByCustomer(customerId: string): Promise<Invoice[]> {
    return [...this.byId.values()].filter((i) => i.customerId === customerId && i.status === 'open');
  }

  async list(request: ListRequest): Promise<Page<Invoice>> {
    return this.page(() => true, request);
  }

  private page(belongs: (invoice: Invoice) => boolean, request: ListRequest): Page<Invoice> {
    const newestFirst = [...this.byId.values()]
      .filter((i) => belongs(i) && matches(i, request.filter, request.today))
      .sort((a, b) => b.state.issuedAt.localeCompare(a.state.issuedAt) || b.id.localeCompare(a.id));
    return pageOf(newestFirst, request);
  }
}
