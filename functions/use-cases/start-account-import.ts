import { type ImportFormat, type ImportProblem, UnreadableImportFile, readImportFile } from '../domain/account-import/import-file.js';
import { buildImportPlan } from '../domain/account-import/import-plan.js';
import type { AccountImports, ImportChunk, ImportJob } from '../ports/account-imports.js';
import type { Clock } from '../ports/clock.js';
import { derivedId } from './steps/import-ids.js';

/** Customers per stored chunk: about 40 KB of JSON each, and the progress moves once per chunk. */
export const CUSTOMERS_PER_CHUNK = 100;

/**
 * Staff upload an export of a previous billing system (CSV or JSON; examples/import/README.md):
 *  1. read and check the whole file: every row against its kind's schema, and the rows against each
 *     other (one customer per email, services and invoices naming a customer of the file);
 *  2. any problem refuses the file whole: answer every problem with its line, write nothing;
 *  3. otherwise store the checked accounts as a job, named by the file's content: the same file
 *     uploaded again is the same job, so it is imported once (`run-account-import.ts` writes it).
 */
export async function startAccountImport(
  deps: { imports: AccountImports; clock: Clock },
  input: { content: string; format: ImportFormat },
): Promise<{ refused: ImportProblem[] } | { job: ImportJob }> {
  let checked;
  try {
    checked = buildImportPlan(readImportFile(input.content, input.format));
  } catch (error) {
    if (error instanceof UnreadableImportFile) return { refused: [error.problem] };
    throw error;
  }
  if ('problems' in checked) return { refused: checked.problems };
  const { plan } = checked;
  const id = derivedId('imp', JSON.stringify(plan.customers));
  const chunks: ImportChunk[] = [];
  for (let start = 0; start < plan.customers.length; start += CUSTOMERS_PER_CHUNK) {
    chunks.push({ index: chunks.length, customers: plan.customers.slice(start, start + CUSTOMERS_PER_CHUNK) });
  }
  const job: ImportJob = {
    id, rows: plan.rows, chunks: chunks.length, customersTotal: plan.customers.length,
    customersDone: 0, imported: 0, skipped: 0, createdAt: deps.clock.now().toISOString(),
  };
  return { job: await deps.imports.createJob(job, chunks) };
}
