import { stringify } from 'csv-stringify/sync';
import type { CalendarDate } from '../domain/calendar-date.js';
import { BusinessRuleError } from '../domain/errors.js';
import { toDecimalString } from '../domain/money.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { type StatementLine, getMyStatement } from './get-my-statement.js';
import { neutralised } from './steps/csv-cells.js';

/** At most this many entries in one download; a longer history is downloaded a range at a time. */
export const MAX_STATEMENT_LINES = 5_000;


/**
 * The signed-in customer's statement for a range of days as CSV (RFC 4180, by csv-stringify): date,
 * what happened, amount, currency and the balance after it, with an opening line; amounts as plain
 * decimals in the account's currency, which has its own column; UTF-8 with a byte order mark.
 * Customer-supplied text is neutralised against formula injection.
 * @throws BusinessRuleError when the range holds more than MAX_STATEMENT_LINES entries
 */
export async function exportMyStatement(
  deps: { customers: CustomerRepository; ledger: PaymentLedger },
  input: { userSub: string; from?: CalendarDate; to?: CalendarDate },
): Promise<{ csv: string; fileName: string }> {
  const lines: StatementLine[] = [];
  let cursor: string | undefined;
  let opening: Awaited<ReturnType<typeof getMyStatement>>['openingBalance'] | undefined;
  do {
    const page = await getMyStatement(deps, { ...input, limit: 100, ...(cursor ? { cursor } : {}) });
    opening ??= page.openingBalance;
    lines.push(...page.lines);
    cursor = page.nextCursor;
    if (lines.length > MAX_STATEMENT_LINES) {
      throw new BusinessRuleError(`This range holds more than ${MAX_STATEMENT_LINES} entries; download a shorter one.`);
    }
  } while (cursor);
  const currency = opening!.currency;
  const rows = [
    ['Date', 'Description', 'Amount', 'Currency', 'Balance'],
    [input.from ?? '', 'Opening balance', '', currency, toDecimalString(opening!)],
    ...lines.map(({ entry, balanceAfter }) => [
      entry.createdAt.slice(0, 10), neutralised(entry.description), toDecimalString(entry.amount), currency, toDecimalString(balanceAfter),
    ]),
  ];
  // The byte order mark makes spreadsheet programs read the file as UTF-8 (accents, other scripts).
  return { csv: stringify(rows, { bom: true }), fileName: `statement-${input.from ?? 'start'}-to-${input.to ?? 'today'}.csv` };
}
