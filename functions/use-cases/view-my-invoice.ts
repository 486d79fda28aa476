import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { Payment } from '../domain/payment.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { getMyInvoice } from './get-my-invoice.js';

/**
 * One of the signed-in customer's invoices as its page shows it: with the payments received for it
 * (how and when it was paid, and any refund), so that a paid invoice serves as its receipt.
 * @throws NotFoundError when the invoice is not the caller's (or does not exist)
 */
export async function viewMyInvoice(
  deps: { customers: CustomerRepository; invoices: InvoiceRepository; ledger: PaymentLedger },
  input: { userSub: string; invoiceId: string },
): Promise<{ invoice: Invoice; customer: Customer; payments: Payment[] }> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  return { invoice, customer, payments: await deps.ledger.listInvoicePayments(invoice.id) };
}
