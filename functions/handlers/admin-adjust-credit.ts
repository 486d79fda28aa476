import { adjustCredit } from '../use-cases/adjust-credit.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { adjustCreditBody } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';

/** POST /v1/admin/customers/{id}/credit: staff grant (positive) or remove (negative) credit, with a reason. */
export const handler = httpHandler('admin', async ({ event, caller, body }) => {
  const input = parseJsonBody(adjustCreditBody, body);
  const { entry, customer } = await adjustCredit({ ...(await storage()), users: userDirectory() }, {
    customerId: pathId(event.pathParameters?.['id']), amountMinor: input.amount, reason: input.reason,
    staff: { sub: caller.sub, username: caller.name ?? caller.sub },
  });
  logger.info('Credit adjusted', { customerId: customer.id, entryId: entry.id, amount: entry.amount.amountMinor });
  return json(201, customerView(customer));
});
