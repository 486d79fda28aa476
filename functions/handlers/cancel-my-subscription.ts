import { cancelMySubscription } from '../use-cases/cancel-my-subscription.js';
import { recurringPayments } from './composition/recurring.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';

/**
 * DELETE /v1/subscriptions/{id}: the customer cancels a service's PayPal subscription (at PayPal
 * first; 502 and nothing changed when PayPal cannot be reached). 204 when done.
 */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const subscriptionId = pathId(event.pathParameters?.['id']);
  const service = await cancelMySubscription(await recurringPayments(), { userSub: caller.sub, subscriptionId });
  logger.info('Subscription cancelled by the customer', { serviceId: service.id, subscriptionId });
  return { statusCode: 204 };
});
