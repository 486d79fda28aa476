import { type EventTranslator, closed, ourInvoice, paid, pending, standing } from './translator.js';

/**
 * The checkout's time ran out. Nothing paid: the invoice is unpaid again and nothing is recorded. Part
 * paid (`partiallyPaid`): what was paid is recorded once every payment on it is settled (until then it
 * stays "payment pending", and InvoicePaymentSettled records it), and the rest stays due.
 */
export const invoiceExpired: EventTranslator = async (event, lookups) => {
  const invoice = await ourInvoice(event, lookups);
  if (!invoice) return null;
  switch (await standing(invoice, lookups)) {
    case 'pending':
      return pending(event, invoice);
    case 'paid':
      return invoice.status === 'Expired' ? paid(event, invoice) : null;
    case 'closed':
      return closed(event, invoice);
  }
};
