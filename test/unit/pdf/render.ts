import { pdfLibInvoiceRenderer } from '../../../functions/adapters/pdf/pdf-lib-invoice-renderer.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { Invoice, type InvoiceLineInput, billToOf } from '../../../functions/domain/invoice.js';
import { currency } from '../../../functions/domain/money.js';
import type { Seller } from '../../../functions/ports/invoice-document-renderer.js';
import { type ReadPage, readPdf } from '../../support/pdf-text.js';

export const SELLER: Seller = { name: 'Example Hosting Ltd', addressLines: ['1 Server Street', 'Dublin'], email: 'billing@example.net' };

/** The renderer's page margin, in points: no text may come closer to an edge. */
export const MARGIN = 48;

export interface InvoiceFixture {
  name?: string;
  currency?: string;
  lines?: InvoiceLineInput[];
  issuedAt?: string;
  dueDate?: string;
  billingAddress?: string[];
  taxId?: string;
  seller?: Seller;
}

/** Renders an invoice issued through the domain (as the API issues it) and reads the PDF back. */
export async function renderInvoice(fixture: InvoiceFixture = {}): Promise<{ pdf: Uint8Array; pages: ReadPage[] }> {
  const code = currency(fixture.currency ?? 'USD');
  const issuedAt = new Date(fixture.issuedAt ?? '2026-03-01T09:41:00.000Z');
  const customer = newCustomer({
    id: 'cus_1', email: 'customer@example.com', name: fixture.name ?? 'Ana Customer', currency: code, userSub: 'sub-1', createdAt: issuedAt,
  });
  const invoice = Invoice.issue({
    billTo: billToOf(customer),
    id: 'inv_1', number: 42, customerId: customer.id, currency: code,
    lines: fixture.lines ?? [{ description: 'Shared hosting, March', quantity: 1, unitAmountMinor: 1999 }],
    dueDate: calendarDate(fixture.dueDate ?? '2026-03-15'), issuedAt,
  });
  const pdf = await pdfLibInvoiceRenderer.renderPdf({
    invoice, customer, seller: fixture.seller ?? SELLER, now: issuedAt,
    ...(fixture.billingAddress ? { billingAddress: fixture.billingAddress } : {}),
    ...(fixture.taxId ? { taxId: fixture.taxId } : {}),
  });
  return { pdf, pages: await readPdf(pdf) };
}

export const allText = (pages: readonly ReadPage[]): string => pages.map((p) => p.text).join('\n');
