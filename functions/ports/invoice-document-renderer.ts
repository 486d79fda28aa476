import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { Money } from '../domain/money.js';
import type { Payment } from '../domain/payment.js';

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
  /**
   * The payments that paid it, oldest first, each with what it paid of THIS invoice (a mass payment's
   * share): printed under the totals, so a paid invoice's PDF is its receipt.
   */
  readonly payments?: readonly InvoicePaymentLine[];
}

/** One payment as the invoice shows it: how, when, and how much of this invoice it paid. */
export interface InvoicePaymentLine {
  readonly payment: Pick<Payment, 'method' | 'card' | 'offline' | 'receivedAt'>;
  readonly amount: Money;
}

/** Renders an invoice as the document a customer downloads and keeps. */
export interface InvoiceDocumentRenderer {
  renderPdf(input: RenderInvoiceInput): Promise<Uint8Array>;
}
