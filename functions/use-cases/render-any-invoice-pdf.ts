import { NotFoundError } from '../domain/errors.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceDocumentRenderer, Seller } from '../ports/invoice-document-renderer.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { getInvoice } from './get-invoice.js';
import { renderInvoiceDocument } from './steps/render-invoice-document.js';

/**
 * The PDF of any invoice, for staff: the same document the customer downloads.
 * @throws NotFoundError when the invoice, or its customer, does not exist
 */
export async function renderAnyInvoicePdf(
  deps: {
    customers: CustomerRepository; invoices: InvoiceRepository; renderer: InvoiceDocumentRenderer; seller: Seller; clock: Clock;
    ledger: Pick<PaymentLedger, 'listInvoicePayments'>;
  },
  input: { invoiceId: string },
): Promise<{ number: number; pdf: Uint8Array }> {
  const invoice = await getInvoice(deps, input);
  const customer = await deps.customers.get(invoice.customerId);
  if (!customer) throw new NotFoundError('Customer');
  return { number: invoice.state.number, pdf: await renderInvoiceDocument(deps, invoice, customer) };
}
