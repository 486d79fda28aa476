import { NotFoundError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';

export async function getInvoice(deps: { invoices: InvoiceRepository }, input: { invoiceId: string }): Promise<Invoice> {
  const invoice = await deps.invoices.get(input.invoiceId);
  if (!invoice) throw new NotFoundError('Invoice');
  return invoice;
}
