import { listInvoices } from '../use-cases/list-invoices.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { parse } from './http/parse.js';
import { invoiceView, pageView } from './http/presenters.js';
import { json } from './http/responses.js';
import { invoicesQuery } from './http/schemas.js';

/** GET /v1/admin/invoices: every customer's invoices, or one customer's, newest first; by status, currency and aging bucket. */
export const handler = httpHandler('admin', async ({ event }) => {
  const query = parse(invoicesQuery, event.queryStringParameters, 'query');
  const deps = await storage();
  const page = await listInvoices(deps, {
    limit: query.limit,
    ...(query.customerId ? { customerId: query.customerId } : {}),
    ...(query.status ? { filter: query.status } : {}),
    ...(query.currency ? { currency: query.currency } : {}),
    ...(query.aging ? { aging: query.aging } : {}),
    timeZone: deps.schedulePolicy.timeZone,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  const now = deps.clock.now();
  return json(200, pageView(page, (invoice) => invoiceView(invoice, now, { customer: page.customers.get(invoice.customerId) })));
});
