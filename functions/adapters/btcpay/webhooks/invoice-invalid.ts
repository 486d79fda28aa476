import { type EventTranslator, closed, ourInvoice } from './translator.js';

/**
 * BTCPay made the invoice invalid: its payments did not confirm in time, or the merchant marked it.
 * Nothing is recorded and the invoice is unpaid again; staff see the BTCPay invoice, with any payment
 * on it, in the invoice's crypto payments.
 */
export const invoiceInvalid: EventTranslator = async (event, lookups) => {
  const invoice = await ourInvoice(event, lookups);
  return invoice ? closed(event, invoice) : null;
};
