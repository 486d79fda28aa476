import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { Payment } from '../domain/payment.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { getInvoice } from './get-invoice.js';

/** Any invoice, for staff, with the customer it was issued to and the payments received for it. */
export async function getInvoiceWithCustomer(
  deps: { invoices: InvoiceRepository; customers: CustomerRepository; ledger: PaymentLedger },
  input: { invoiceId: string },
): Promise<{ invoice: Invoice; customer: Customer | undefined; payments: Payment[] }> {
  const invoice = await getInvoice(deps, input);
  const [customer, payments] = await Promise.all([deps.customers.get(invoice.customerId), deps.ledger.listInvoicePayments(invoice.id)]);
  return { invoice, customer, payments };
}
