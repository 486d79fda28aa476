import { keepMyService } from '../use-cases/keep-my-service.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { serviceView } from './http/service-schemas.js';

/** POST /v1/services/{id}/keep: the customer takes back "cancel at end of period" before the period ends. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const service = await keepMyService(await storage(), { userSub: caller.sub, serviceId: pathId(event.pathParameters?.['id']) });
  return json(200, serviceView(service));
});
