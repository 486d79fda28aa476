import { calendarDate } from '../domain/calendar-date.js';
import { recordOfflinePayment } from '../use-cases/record-offline-payment.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';
import { recordPaymentBody } from './http/staff-schemas.js';

/** POST /v1/admin/invoices/{id}/payments: staff record money received outside the system (bank transfer, cash, cheque). */
export const handler = httpHandler('admin', async ({ event, body, caller }) => {
  const input = parseJsonBody(recordPaymentBody, body);
  const deps = await storage();
  const { invoice, payment } = await recordOfflinePayment({ ...deps, users: userDirectory() }, {
    invoiceId: pathId(event.pathParameters?.['id']), amountMinor: input.amount, kind: input.kind, reference: input.reference,
    receivedOn: calendarDate(input.receivedOn), requestId: input.requestId, staff: { sub: caller.sub, username: caller.name ?? caller.sub },
  });
  logger.info('Offline payment recorded', { invoiceId: invoice.id, paymentId: payment.externalId, amount: payment.amount.amountMinor });
  return json(201, invoiceView(invoice, deps.clock.now()));
});
