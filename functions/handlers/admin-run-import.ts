import { runAccountImport } from '../use-cases/run-account-import.js';
import { accountImports } from './composition/imports.js';
import { importJobView } from './http/import-view.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { pathId } from './http/parse.js';
import { json } from './http/responses.js';

/**
 * How long one request writes before it answers with the progress: its batches each take well under
 * a second, so the function (timeout 29 s) always answers, and the page calls again until done.
 */
const WRITE_BUDGET_MS = 15_000;

/** POST /v1/admin/import/{id}/run: write the next part of an import, and answer its progress. */
export const handler = httpHandler('admin', async ({ event }) => {
  const deadline = Date.now() + WRITE_BUDGET_MS;
  const job = await runAccountImport(await accountImports(), { jobId: pathId(event.pathParameters?.['id']), keepGoing: () => Date.now() < deadline });
  logger.info('Import progress', { importId: job.id, done: job.customersDone, total: job.customersTotal });
  return json(200, importJobView(job));
});
