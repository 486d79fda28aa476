import * as z from 'zod';
import { IMPORT_FORMATS } from '../../domain/account-import/import-file.js';

/**
 * The largest import file accepted, in characters: 4 MB. API Gateway takes 10 MB, but a Lambda
 * function's synchronous request is at most 6 MB, and the file arrives inside a JSON string (quotes
 * and line breaks escaped). 10,000 rows are about 0.8 MB.
 */
export const MAX_IMPORT_FILE_CHARACTERS = 4_000_000;

export const startImportBody = z.strictObject({
  format: z.enum(IMPORT_FORMATS).describe('How the file is written (examples/import/README.md).'),
  content: z.string().min(1, 'The file is empty.').max(MAX_IMPORT_FILE_CHARACTERS, 'The file is larger than 4 MB; split it in parts.').describe('The file’s text, UTF-8.'),
});

export const importJobSchema = z.object({
  id: z.string(),
  rows: z.int(),
  customersTotal: z.int(),
  customersDone: z.int().describe('Customers written so far (imported or skipped): the progress.'),
  imported: z.int(),
  skipped: z.int().describe('Customers left out because their email is already a customer’s here.'),
  status: z.enum(['running', 'done']),
  createdAt: z.string(),
});

export const importRefusalSchema = z.object({
  error: z.object({ code: z.literal('import_refused'), message: z.string() }),
  problems: z.array(z.object({
    line: z.int().optional().describe('The CSV line (1 is the header).'),
    where: z.string().describe('`line 7`, or in JSON a path such as `customers[3].services[0]`.'),
    message: z.string(),
  })),
});

export const invitationsResultSchema = z.object({
  sent: z.int().describe('Invitations emailed by this call.'),
  remaining: z.boolean().describe('Whether customers of the import still wait for theirs: call again.'),
});
