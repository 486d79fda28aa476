import { voidInvoice } from '../use-cases/void-invoice.js';
import { hostedCheckouts } from './composition/payments.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';

/** POST /v1/admin/invoices/{id}/void: cancel an invoice issued in error. */
export const handler = httpHandler('admin', async ({ event, caller }) => {
  const deps = await storage();
  const invoice = await voidInvoice({ ...deps, checkouts: await hostedCheckouts(), users: userDirectory() }, {
    invoiceId: pathId(event.pathParameters?.['id']), staff: { sub: caller.sub, username: caller.name ?? caller.sub },
  });
  logger.info('Invoice voided', { invoiceId: invoice.id });
  return json(200, invoiceView(invoice, deps.clock.now()));
});
