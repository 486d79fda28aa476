import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import type { RefundRecords } from '../ports/refund-records.js';
import { getInvoice } from './get-invoice.js';
import { type PaymentRecord, paymentHistory } from './steps/payment-history.js';

/** Any invoice, for staff, with the customer it was issued to and the payments received for it, with their refunds. */
export async function getInvoiceWithCustomer(
  deps: { invoices: InvoiceRepository; customers: CustomerRepository; ledger: PaymentLedger; refundRecords: RefundRecords },
  input: { invoiceId: string },
): Promise<{ invoice: Invoice; customer: Customer | undefined; payments: PaymentRecord[] }> {
  const invoice = await getInvoice(deps, input);
  const [customer, payments] = await Promise.all([deps.customers.get(invoice.customerId), paymentHistory(deps, invoice.id)]);
  return { invoice, customer, payments };
}
