import { type EventTranslator, ourInvoice, pending, standing } from './translator.js';

/**
 * A payment reached the invoice (in the mempool, not yet confirmed): "payment pending", while BTCPay
 * still has money on its way. Delivered late, after the invoice settled, expired or went invalid, it
 * changes nothing: the event for that state does.
 */
export const invoiceReceivedPayment: EventTranslator = async (event, lookups) => {
  const invoice = await ourInvoice(event, lookups);
  if (!invoice) return null;
  return (await standing(invoice, lookups)) === 'pending' ? pending(event, invoice) : null;
};
