import { CsvError, parse } from 'csv-parse/sync';

/** The two shapes of an import file (examples/import/README.md). */
export const IMPORT_FORMATS = ['csv', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/**
 * A row as read from the file, before it is checked: its cells by column name, and where it is, so
 * that every problem names it. `line`: the CSV line the row ends on (1 is the header), or, in JSON,
 * undefined with `where` a path such as `customers[3].services[0]`.
 */
export interface RawRow {
  readonly line?: number;
  readonly where: string;
  readonly cells: Record<string, unknown>;
}

/** A problem that refuses the file: where it is and what is wrong, in a sentence for staff. */
export interface ImportProblem {
  readonly line?: number;
  readonly where: string;
  readonly message: string;
}

/** Thrown when the file cannot be read as rows at all (bad CSV quoting, not JSON): nothing else is checked. */
export class UnreadableImportFile extends Error {
  constructor(readonly problem: ImportProblem, options?: ErrorOptions) {
    super(problem.message, options);
  }
}

/**
 * The rows of a CSV file with a header line. Column names are matched in any letter case, spaces
 * around cells are kept for the row schemas to judge, a byte order mark is skipped, and blank lines
 * are skipped (but counted, so line numbers stay those of a text editor).
 * @throws UnreadableImportFile naming the line csv-parse stopped at
 */
function csvRows(content: string): RawRow[] {
  try {
    const records = parse(content, {
      bom: true,
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      skip_empty_lines: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: info.lines, where: `line ${info.lines}`, cells: record }));
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new UnreadableImportFile({ ...(line ? { line } : {}), where: line ? `line ${line}` : 'file', message: `The CSV cannot be read: ${error.message}` }, { cause: error });
    }
    throw error;
  }
}

const asCells = (value: unknown): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value && typeof value === 'object' ? value : {}).map(([k, v]) => [k, typeof v === 'number' ? String(v) : v]));

/**
 * The rows of a JSON file `{"customers": [{email, name, currency, opening_credit, services: [...],
 * invoices: [...]}]}`: each customer, then its services and invoices, as rows naming the customer's
 * email, exactly as the CSV would have them. Numbers are read as the decimal text they are written as.
 * @throws UnreadableImportFile when it is not JSON of that shape
 */
function jsonRows(content: string): RawRow[] {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (cause) {
    throw new UnreadableImportFile({ where: 'file', message: 'The file is not valid JSON.' }, { cause });
  }
  const customers = (document as { customers?: unknown })?.customers;
  if (!Array.isArray(customers)) throw new UnreadableImportFile({ where: 'file', message: 'The JSON must be an object with a "customers" list.' });
  return customers.flatMap((customer: unknown, i): RawRow[] => {
    const { services, invoices, ...fields } = asCells(customer);
    const email = fields['email'];
    const nested = (list: unknown, kind: 'service' | 'invoice', key: string): RawRow[] =>
      (Array.isArray(list) ? list : []).map((item, j) => ({ where: `customers[${i}].${key}[${j}]`, cells: { ...asCells(item), record: kind, email } }));
    return [
      { where: `customers[${i}]`, cells: { ...fields, record: 'customer' } },
      ...nested(services, 'service', 'services'),
      ...nested(invoices, 'invoice', 'invoices'),
    ];
  });
}

/** Reads an import file into rows. @throws UnreadableImportFile */
export function readImportFile(content: string, format: ImportFormat): RawRow[] {
  return format === 'csv' ? csvRows(content) : jsonRows(content);
}
