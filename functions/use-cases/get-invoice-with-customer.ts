import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { getInvoice } from './get-invoice.js';

/** Any invoice, for staff, with the customer it was issued to. */
export async function getInvoiceWithCustomer(
  deps: { invoices: InvoiceRepository; customers: CustomerRepository },
  input: { invoiceId: string },
): Promise<{ invoice: Invoice; customer: Customer | undefined }> {
  const invoice = await getInvoice(deps, input);
  return { invoice, customer: await deps.customers.get(invoice.customerId) };
}
