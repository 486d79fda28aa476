import type { Customer } from '../domain/customer.js';
import { NotFoundError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/**
 * One of the signed-in customer's invoices. Another customer's invoice is "not found", exactly as one
 * that does not exist, so that ids cannot be probed. Drafts are staff-only.
 */
export async function getMyInvoice(
  deps: { customers: CustomerRepository; invoices: InvoiceRepository },
  input: { userSub: string; invoiceId: string },
): Promise<{ invoice: Invoice; customer: Customer }> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const invoice = await deps.invoices.get(input.invoiceId);
  if (!invoice || invoice.customerId !== customer.id || invoice.status === 'draft') throw new NotFoundError('Invoice');
  return { invoice, customer };
}
