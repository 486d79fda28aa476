import { keepService } from '../use-cases/keep-service.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { serviceView } from './http/service-schemas.js';

/** POST /v1/admin/customers/{id}/services/{serviceId}/keep: staff take back "cancel at period end" before the period ends. */
export const handler = httpHandler('admin', async ({ event }) => {
  const service = await keepService(await storage(), {
    customerId: pathId(event.pathParameters?.['id']), serviceId: pathId(event.pathParameters?.['serviceId']),
  });
  return json(200, serviceView(service));
});
