import type { ImportJob } from '../../ports/account-imports.js';

/** An import job as the API answers it. */
export const importJobView = (job: ImportJob) => ({
  id: job.id, rows: job.rows, customersTotal: job.customersTotal, customersDone: job.customersDone,
  imported: job.imported, skipped: job.skipped, status: job.customersDone >= job.customersTotal ? 'done' as const : 'running' as const, createdAt: job.createdAt,
});
