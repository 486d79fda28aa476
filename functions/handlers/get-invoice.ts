import { viewMyInvoice } from '../use-cases/view-my-invoice.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { logger } from './http/logger.js';
import { json } from './http/responses.js';

/**
 * GET /v1/invoices/{id}: one of the caller's invoices, with the seller's and the customer's details.
 * It writes too: the invoice's activity log records the customer's view (at most once an hour).
 */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const deps = await storage();
  const { invoice, customer, payments, service, viewLogged } = await viewMyInvoice(deps, { userSub: caller.sub, invoiceId: pathId(event.pathParameters?.['id']) });
  if (typeof viewLogged === 'object') logger.warn('The view of an invoice was not logged', { invoiceId: invoice.id, error: viewLogged.failed });
  return json(200, invoiceView(invoice, deps.clock.now(), { seller: deps.seller, customer, payments, service }));
});
