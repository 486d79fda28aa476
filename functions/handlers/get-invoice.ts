import { viewMyInvoice } from '../use-cases/view-my-invoice.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/invoices/{id}: one of the caller's invoices, with the seller's and the customer's details. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const deps = await storage();
  const { invoice, customer, payments } = await viewMyInvoice(deps, { userSub: caller.sub, invoiceId: pathId(event.pathParameters?.['id']) });
  return json(200, invoiceView(invoice, deps.clock.now(), { seller: deps.seller, customer, payments }));
});
