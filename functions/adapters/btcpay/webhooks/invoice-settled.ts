import { type EventTranslator, ourInvoice, paid } from './translator.js';

/**
 * The one event that pays: BTCPay settled the invoice (confirmed, or marked settled by the merchant).
 * What is recorded is the fiat amount BTCPay says was paid, not the invoice's amount: less (within
 * the store's payment tolerance, or marked settled by hand) leaves the rest due; more becomes credit.
 */
export const invoiceSettled: EventTranslator = async (event, lookups) => {
  const invoice = await ourInvoice(event, lookups);
  return invoice ? paid(event, invoice) : null;
};
