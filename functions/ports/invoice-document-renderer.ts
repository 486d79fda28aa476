import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';

export interface Seller {
  readonly name: string;
  readonly addressLines: readonly string[];
  readonly email: string;
  /** The seller's VAT or other tax registration number, printed under its address when present. */
  readonly taxId?: string;
}

/** Everything one invoice document shows. */
export interface RenderInvoiceInput {
  readonly invoice: Invoice;
  readonly customer: Customer;
  readonly seller: Seller;
  readonly now: Date;
  /** The customer's billing address, one printed line each, under the customer's name. */
  readonly billingAddress?: readonly string[];
  /** The customer's VAT number or other tax ID, printed under the billing address. */
  readonly taxId?: string;
}

/** Renders an invoice as the document a customer downloads and keeps. */
export interface InvoiceDocumentRenderer {
  renderPdf(input: RenderInvoiceInput): Promise<Uint8Array>;
}
