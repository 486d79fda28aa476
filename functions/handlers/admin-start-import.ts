import { startAccountImport } from '../use-cases/start-account-import.js';
import { accountImports } from './composition/imports.js';
import { startImportBody } from './http/import-schemas.js';
import { importJobView } from './http/import-view.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { json } from './http/responses.js';

/** POST /v1/admin/import: check a whole file; 422 with every problem, or 201 with the import job to run. */
export const handler = httpHandler('admin', async ({ body }) => {
  const input = parseJsonBody(startImportBody, body);
  const result = await startAccountImport(await accountImports(), input);
  if ('refused' in result) {
    logger.info('Import refused', { problems: result.refused.length });
    const count = result.refused.length;
    return json(422, { error: { code: 'import_refused', message: `The file was not imported: ${count} problem${count === 1 ? '' : 's'} to fix.` }, problems: result.refused });
  }
  logger.info('Import accepted', { importId: result.job.id, rows: result.job.rows });
  return json(201, importJobView(result.job));
});
