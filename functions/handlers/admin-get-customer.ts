import { getCustomer } from '../use-cases/get-customer.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/admin/customers/{id} */
export const handler = httpHandler('admin', async ({ event }) => {
  const customer = await getCustomer(await storage(), { customerId: pathId(event.pathParameters?.['id']) });
  return json(200, customerView(customer));
});
