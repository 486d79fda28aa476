import { NotFoundError } from '../domain/errors.js';
import { accountImports } from './composition/imports.js';
import { importJobView } from './http/import-view.js';
import { httpHandler } from './http/http-handler.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';

/** GET /v1/admin/import/{id}: how far an import has got. */
export const handler = httpHandler('admin', async ({ event }) => {
  const job = await (await accountImports()).imports.getJob(pathId(event.pathParameters?.['id']));
  if (!job) throw new NotFoundError('Import');
  return json(200, importJobView(job));
});
