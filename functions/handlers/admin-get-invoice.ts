import { getInvoiceWithCustomer } from '../use-cases/get-invoice-with-customer.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/invoices/{id}: any invoice, with its customer's name and email. */
export const handler = httpHandler('admin', async ({ event }) => {
  const deps = await storage();
  const { invoice, customer, payments } = await getInvoiceWithCustomer(deps, { invoiceId: pathId(event.pathParameters?.['id']) });
  return json(200, invoiceView(invoice, deps.clock.now(), { customer, payments, staff: true }));
});
