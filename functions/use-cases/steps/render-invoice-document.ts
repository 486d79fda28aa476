import type { Customer } from '../../domain/customer.js';
import { type Invoice, billedTo } from '../../domain/invoice.js';
import type { Clock } from '../../ports/clock.js';
import type { InvoiceDocumentRenderer, Seller } from '../../ports/invoice-document-renderer.js';

/** An invoice as a PDF, billed to the name, email, billing address and tax ID it was issued to. */
export async function renderInvoiceDocument(
  deps: { renderer: InvoiceDocumentRenderer; seller: Seller; clock: Clock },
  invoice: Invoice,
  customer: Customer,
): Promise<Uint8Array> {
  const billTo = billedTo(invoice, customer);
  return deps.renderer.renderPdf({
    invoice, customer: { ...customer, name: billTo.name, email: billTo.email }, seller: deps.seller, now: deps.clock.now(),
    ...(billTo.billingAddress ? { billingAddress: billTo.billingAddress } : {}),
    ...(billTo.taxId ? { taxId: billTo.taxId } : {}),
  });
}
