import { currency } from '../domain/money.js';
import { createCustomer } from '../use-cases/create-customer.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';
import { createCustomerBody } from './http/schemas.js';

/** POST /v1/admin/customers: add a customer and invite them to sign in. */
export const handler = httpHandler('admin', async ({ body }) => {
  const input = parseJsonBody(createCustomerBody, body);
  const customer = await createCustomer(
    { ...(await storage()), users: userDirectory() },
    { email: input.email, name: input.name, currency: currency(input.currency) },
  );
  logger.info('Customer created', { customerId: customer.id });
  return json(201, customerView(customer));
});
