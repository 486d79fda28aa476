import { type EventTranslator, ourInvoice, paid, pending, standing } from './translator.js';

/**
 * One payment on the invoice has its confirmations. On an invoice still open or being confirmed it
 * only keeps "payment pending" (InvoiceSettled pays). On an invoice that expired part paid (or was paid
 * after it expired), BTCPay will never settle it: once every payment on it is settled, what was paid
 * is recorded, and the rest of our invoice stays due (the underpayment rule).
 */
export const invoicePaymentSettled: EventTranslator = async (event, lookups) => {
  const invoice = await ourInvoice(event, lookups);
  if (!invoice) return null;
  const now = await standing(invoice, lookups);
  if (now === 'pending') return pending(event, invoice);
  return now === 'paid' && invoice.status === 'Expired' ? paid(event, invoice) : null;
};
