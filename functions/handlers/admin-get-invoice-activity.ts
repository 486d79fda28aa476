import { getInvoiceActivity } from '../use-cases/get-invoice-activity.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { activityListView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/invoices/{id}/activity: what happened to an invoice, who did it and when, oldest first. */
export const handler = httpHandler('admin', async ({ event }) => {
  const { invoice, lines } = await getInvoiceActivity(await storage(), { invoiceId: pathId(event.pathParameters?.['id']) });
  return json(200, activityListView(invoice, lines));
});
