import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceDocumentRenderer, Seller } from '../ports/invoice-document-renderer.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { getMyInvoice } from './get-my-invoice.js';
import { renderInvoiceDocument } from './steps/render-invoice-document.js';

/**
 * The PDF of one of the signed-in customer's invoices, rendered on demand from the stored invoice,
 * billed to the name, email, billing address and tax ID it was issued to.
 */
export async function renderInvoicePdf(
  deps: {
    customers: CustomerRepository; invoices: InvoiceRepository; renderer: InvoiceDocumentRenderer; seller: Seller; clock: Clock;
    ledger: Pick<PaymentLedger, 'listInvoicePayments'>;
  },
  input: { userSub: string; invoiceId: string },
): Promise<{ number: number; pdf: Uint8Array }> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  return { number: invoice.state.number, pdf: await renderInvoiceDocument(deps, invoice, customer) };
}
