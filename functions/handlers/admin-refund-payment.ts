import { NotFoundError } from '../domain/errors.js';
import { refundPayment } from '../use-cases/refund-payment.js';
import { refundProviders } from './composition/payments.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { paymentView, refundView } from './http/presenters.js';
import { json } from './http/responses.js';
import { paymentPath, refundPaymentBody } from './http/staff-schemas.js';

/** POST /v1/admin/payments/{method}/{externalId}/refunds: staff refund all or part of a payment, to where it came from or to credit. */
export const handler = httpHandler('admin', async ({ event, body, caller }) => {
  const path = paymentPath.safeParse(event.pathParameters ?? {});
  if (!path.success) throw new NotFoundError('Payment');
  const input = parseJsonBody(refundPaymentBody, body);
  const deps = await storage();
  const { refund, payment } = await refundPayment({ ...deps, refunds: await refundProviders(), users: userDirectory() }, {
    method: path.data.method, externalId: path.data.externalId, amountMinor: input.amount, destination: input.destination,
    requestId: input.requestId, staff: { sub: caller.sub, username: caller.name ?? caller.sub },
  });
  logger.info('Payment refunded', { paymentId: refund.payment.externalId, requestId: refund.requestId, amount: refund.amount.amountMinor, status: refund.status });
  return json(201, { refund: refundView(refund, true), payment: paymentView(payment, true) });
});
