import type { CalendarDate } from '../calendar-date.js';
import { type CurrencyCode, currency, maxAmountText, readDecimalAmount } from '../money.js';
import type { ServiceCycle } from '../service-cycle.js';
import type { ImportProblem, RawRow } from './import-file.js';
import { type CustomerRow, type InvoiceRow, type ServiceRow, checkRow } from './import-rows.js';

/**
 * How many services and invoices one customer may bring: a customer is written in one DynamoDB
 * transaction (100 items at most) with its email claim, opening balance and each invoice's log line.
 */
export const MAX_RECORDS_PER_CUSTOMER = 30;

export interface PlannedService {
  readonly plan: string;
  readonly priceMinor: number;
  readonly cycle: ServiceCycle;
  /** The last day the old system says is paid for; this system bills from the day after. */
  readonly paidThrough: CalendarDate;
}

export interface PlannedInvoice {
  /** The old system's invoice number, kept on the invoice's line as the reference. */
  readonly reference: string;
  readonly amountMinor: number;
  readonly dueDate: CalendarDate;
  readonly description: string;
}

/** One account to create, with everything the file says about it, amounts in minor units. */
export interface PlannedCustomer {
  readonly email: string;
  readonly name: string;
  readonly currency: CurrencyCode;
  readonly openingCreditMinor: number;
  readonly services: readonly PlannedService[];
  readonly invoices: readonly PlannedInvoice[];
}

/** A checked import file: the accounts it creates, in file order, and how many rows it had. */
export interface ImportPlan {
  readonly customers: readonly PlannedCustomer[];
  readonly rows: number;
}

/**
 * A row's decimal amount in minor units, or the sentence that says what is wrong with it. The most
 * any amount may be is the domain's MAX_AMOUNT_MINOR (money.ts).
 */
function amountIn(text: string, field: string, code: CurrencyCode, { zero }: { zero: boolean }): { minor: number } | { problem: string } {
  const read = readDecimalAmount(text, code);
  if ('amount' in read) {
    if (read.amount.amountMinor > 0 || zero) return { minor: read.amount.amountMinor };
    return { problem: `${field} must be more than zero.` };
  }
  switch (read.problem) {
    case 'too_large': return { problem: `${field} ${text} is too large: at most ${maxAmountText(code)}.` };
    case 'too_many_decimals': return { problem: `${field} ${text} has more decimals than ${code} has.` };
    case 'not_a_decimal': return { problem: `${field} ${text} is not an amount: write digits with a decimal point, such as 12.50.` };
  }
}

const place = (row: RawRow) => ({ ...(row.line !== undefined ? { line: row.line } : {}), where: row.where });

/**
 * Checks every row of a file and the rows against each other, and answers either the plan or every
 * problem found (each with its line), never a part: a file with any problem writes nothing.
 * Rows may come in any order; services and invoices name their customer by email.
 */
export function buildImportPlan(rows: readonly RawRow[]): { plan: ImportPlan } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const fail = (row: RawRow, message: string) => problems.push({ ...place(row), message });
  const customers = new Map<string, { row: RawRow; value: CustomerRow; services: PlannedService[]; invoices: PlannedInvoice[]; references: Set<string> }>();
  const dependents: { row: RawRow; value: ServiceRow | InvoiceRow }[] = [];

  for (const row of rows) {
    const checked = checkRow(row.cells);
    if ('problems' in checked) {
      for (const message of checked.problems) fail(row, message);
      continue;
    }
    const value = checked.row;
    if (value.record !== 'customer') {
      dependents.push({ row, value });
      continue;
    }
    const earlier = customers.get(value.email);
    if (earlier) fail(row, `${value.email} is already a customer of this file (${earlier.row.where}).`);
    else customers.set(value.email, { row, value, services: [], invoices: [], references: new Set() });
  }

  for (const { row, value } of dependents) {
    const customer = customers.get(value.email);
    if (!customer) {
      fail(row, `No customer row has the email ${value.email}.`);
      continue;
    }
    const code = currency(customer.value.currency);
    const amountOf = (text: string, field: string): number | undefined => {
      const read = amountIn(text, field, code, { zero: false });
      if ('minor' in read) return read.minor;
      fail(row, read.problem);
      return undefined;
    };
    if (value.record === 'service') {
      const priceMinor = amountOf(value.price, 'price');
      if (priceMinor !== undefined) {
        customer.services.push({ plan: value.plan, priceMinor, cycle: value.cycle, paidThrough: value.paid_through as CalendarDate });
      }
      continue;
    }
    if (customer.references.has(value.invoice_number)) {
      fail(row, `Invoice ${value.invoice_number} of ${value.email} appears twice.`);
      continue;
    }
    customer.references.add(value.invoice_number);
    const amountMinor = amountOf(value.amount, 'amount');
    if (amountMinor !== undefined) {
      customer.invoices.push({ reference: value.invoice_number, amountMinor, dueDate: value.due_date as CalendarDate, description: value.description });
    }
  }

  const planned: PlannedCustomer[] = [];
  for (const { row, value, services, invoices } of customers.values()) {
    const code = currency(value.currency);
    let openingCreditMinor = 0;
    if (value.opening_credit) {
      const read = amountIn(value.opening_credit, 'opening_credit', code, { zero: true });
      if ('minor' in read) openingCreditMinor = read.minor;
      else fail(row, read.problem);
    }
    if (services.length + invoices.length > MAX_RECORDS_PER_CUSTOMER) {
      fail(row, `${value.email} has ${services.length + invoices.length} services and invoices; at most ${MAX_RECORDS_PER_CUSTOMER} can be imported per customer.`);
    }
    planned.push({ email: value.email, name: value.name, currency: code, openingCreditMinor, services, invoices });
  }
  if (rows.length > 0 && planned.length === 0 && problems.length === 0) problems.push({ where: 'file', message: 'The file has no customer rows.' });
  if (rows.length === 0) problems.push({ where: 'file', message: 'The file has no rows.' });
  if (problems.length > 0) return { problems: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
  return { plan: { customers: planned, rows: rows.length } };
}
