import { resendInvitation } from '../use-cases/resend-invitation.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';

/** POST /v1/admin/customers/{id}/invitation: email the customer a new temporary password. */
export const handler = httpHandler('admin', async ({ event }) => {
  const customer = await resendInvitation(
    { ...(await storage()), users: userDirectory() },
    { customerId: pathId(event.pathParameters?.['id']) },
  );
  logger.info('Invitation sent again', { customerId: customer.id });
  return json(202, { sentTo: customer.email });
});
