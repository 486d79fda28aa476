import { cancelMyService } from '../use-cases/cancel-my-service.js';
import { recurringPayments } from './composition/recurring.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { serviceView } from './http/service-schemas.js';

/** POST /v1/services/{id}/cancel: the customer asks to end a service when the period paid for ends. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const service = await cancelMyService(await recurringPayments(), { userSub: caller.sub, serviceId: pathId(event.pathParameters?.['id']) });
  return json(200, serviceView(service));
});
