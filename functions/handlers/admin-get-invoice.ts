import { getInvoice } from '../use-cases/get-invoice.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/invoices/{id} */
export const handler = httpHandler('admin', async ({ event }) => {
  const deps = await storage();
  const invoice = await getInvoice(deps, { invoiceId: pathId(event.pathParameters?.['id']) });
  return json(200, invoiceView(invoice, deps.clock.now()));
});
