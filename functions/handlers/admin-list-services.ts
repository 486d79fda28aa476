import { listServices } from '../use-cases/list-services.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';
import { serviceView } from './http/service-schemas.js';

/** GET /v1/admin/customers/{id}/services: a customer's services, cancelled ones included. */
export const handler = httpHandler('admin', async ({ event }) => {
  const services = await listServices(await storage(), { customerId: pathId(event.pathParameters?.['id']) });
  return json(200, { items: services.map(serviceView) });
});
