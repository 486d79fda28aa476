import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';

export interface Seller {
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly email: string;
}

/** Renders an invoice as the document a customer downloads and keeps. */
export interface InvoiceDocumentRenderer {
  renderPdf(input: { invoice: Invoice; customer: Customer; seller: Seller; now: Date }): Promise<Uint8Array>;
}
