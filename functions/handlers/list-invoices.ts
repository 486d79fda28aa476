import { listMyInvoices } from '../use-cases/list-my-invoices.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { invoiceView, owedView, pageView } from './http/presenters.js';
import { json } from './http/responses.js';
import { myInvoicesQuery } from './http/schemas.js';

/** GET /v1/invoices: "My Invoices", newest first; the first page says what is owed in total. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const query = parse(myInvoicesQuery, event.queryStringParameters, 'query');
  const deps = await storage();
  const page = await listMyInvoices(deps, {
    userSub: caller.sub, limit: query.limit,
    ...(query.status ? { filter: query.status } : {}), ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = deps.clock.now();
  return json(200, { ...pageView(page, (invoice) => invoiceView(invoice, now)), ...(page.owed ? { summary: owedView(page.owed) } : {}) });
});
