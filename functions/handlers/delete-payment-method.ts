import { removePaymentMethod } from '../use-cases/remove-payment-method.js';
import { payments } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';

/** DELETE /v1/payment-methods/{id}: delete a saved card, at the processor first. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const cardId = pathId(event.pathParameters?.['id']);
  await removePaymentMethod(await payments(), { userSub: caller.sub, cardId });
  logger.info('Card removed', { cardId });
  return { statusCode: 204 };
});
