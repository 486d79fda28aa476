import { type EventTranslator, ourInvoice, pending, standing } from './translator.js';

/**
 * The invoice is paid in full and waits for confirmations (the "tens of minutes"): "payment pending".
 * Nothing is credited until InvoiceSettled.
 */
export const invoiceProcessing: EventTranslator = async (event, lookups) => {
  const invoice = await ourInvoice(event, lookups);
  if (!invoice) return null;
  return (await standing(invoice, lookups)) === 'pending' ? pending(event, invoice) : null;
};
