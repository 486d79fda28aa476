import { listMyServices } from '../use-cases/list-my-services.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';
import { serviceView } from './http/service-schemas.js';

/** GET /v1/services: the signed-in customer's services, their states and next due dates. */
export const handler = httpHandler('customer', async ({ caller }) => {
  const services = await listMyServices(await storage(), { userSub: caller.sub });
  return json(200, { items: services.map(serviceView) });
});
