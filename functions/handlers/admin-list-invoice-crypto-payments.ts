import { listInvoiceCryptoPayments } from '../use-cases/list-invoice-crypto-payments.js';
import { cryptoPayments } from './composition/crypto.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { cryptoCheckoutView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/invoices/{id}/crypto-payments: the invoice's BTCPay invoices and their payments, as BTCPay holds them now. */
export const handler = httpHandler('admin', async ({ event }) => {
  const records = await listInvoiceCryptoPayments(await cryptoPayments(), { invoiceId: pathId(event.pathParameters?.['id']) });
  return json(200, { items: records.map(cryptoCheckoutView) });
});
