import { sendImportInvitations } from '../use-cases/send-import-invitations.js';
import { accountImports } from './composition/imports.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';

/** POST /v1/admin/import/{id}/invitations: email the next batch of the import's customers their invitation. */
export const handler = httpHandler('admin', async ({ event }) => {
  const result = await sendImportInvitations({ ...(await accountImports()), users: userDirectory() }, { jobId: pathId(event.pathParameters?.['id']) });
  logger.info('Import invitations sent', { sent: result.sent, remaining: result.remaining });
  return json(200, result);
});
