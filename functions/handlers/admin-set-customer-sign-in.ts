import { setCustomerSignIn } from '../use-cases/set-customer-sign-in.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';
import { signInBody } from './http/schemas.js';

/** POST /v1/admin/customers/{id}/sign-in: turn a customer's sign-in off (401 at once) or on again. */
export const handler = httpHandler('admin', async ({ event, caller, body }) => {
  const { enabled } = parseJsonBody(signInBody, body);
  const customer = await setCustomerSignIn(
    { ...(await storage()), users: userDirectory() },
    { customerId: pathId(event.pathParameters?.['id']), enabled },
  );
  logger.info('Customer sign-in changed', { customerId: customer.id, enabled, by: caller.sub });
  return json(200, customerView(customer));
});
