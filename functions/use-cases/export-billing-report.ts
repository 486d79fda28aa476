import { stringify } from 'csv-stringify/sync';
import { money, toDecimalString } from '../domain/money.js';
import type { BillingFigures } from '../ports/billing-figures.js';
import { type BillingReport, getBillingReport } from './get-billing-report.js';
import { neutralised } from './steps/csv-cells.js';

/**
 * A staff report as CSV (RFC 4180, by csv-stringify): a header of the columns' labels, one line per
 * row; money as plain decimals in the row's currency (its own column, never summed across
 * currencies); UTF-8 with a byte order mark; text cells neutralised against formula injection, as
 * the customer statement's are. A report cut short by its read limit says so in a last line.
 * @throws ValidationError as getBillingReport
 */
export async function exportBillingReport(
  deps: { figures: BillingFigures },
  input: Parameters<typeof getBillingReport>[1],
): Promise<{ csv: string; fileName: string }> {
  const report = await getBillingReport(deps, input);
  return { csv: billingReportCsv(report), fileName: `${report.report}-by-${report.by}-${report.from}-to-${report.to}.csv` };
}

/** The CSV text of a report (see exportBillingReport). */
export function billingReportCsv(report: BillingReport): string {
  const lines = [
    report.columns.map((c) => c.label),
    ...report.rows.map((row) => report.columns.map((c) => {
      const cell = row[c.key];
      if (c.type === 'money') return toDecimalString(money(Number(cell ?? 0), String(row['currency'])));
      if (c.type === 'count') return String(cell ?? 0);
      return neutralised(String(cell ?? ''));
    })),
    ...(report.complete ? [] : [[neutralised('Incomplete: this range holds more than the report reads at once; choose a shorter one.')]]),
  ];
  // The byte order mark makes spreadsheet programs read the file as UTF-8.
  return stringify(lines, { bom: true });
}
