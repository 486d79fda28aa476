import { findSignedInCustomer } from '../use-cases/steps/find-signed-in-customer.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/me: the signed-in customer's account. */
export const handler = httpHandler('customer', async ({ caller }) => {
  const customer = await findSignedInCustomer((await storage()).customers, caller.sub);
  return json(200, customerView(customer));
});
