import { type CalendarDate, nextDay } from '../domain/calendar-date.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import { type Money, add, money } from '../domain/money.js';
import type { Customer } from '../domain/customer.js';
import { ValidationError } from '../domain/errors.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** One line of a statement: the entry and the balance right after it. */
export interface StatementLine { readonly entry: LedgerEntry; readonly balanceAfter: Money }

/**
 * The signed-in customer's account statement for a range of calendar days (UTC, both inclusive):
 * the balance before the page's first entry, then each entry with the balance after it, oldest first,
 * a page at a time. The balances are the sums of the entries, as the ledger's invariant says.
 * @throws ValidationError naming `cursor` for a cursor of another list, or `to` for a day before `from`
 */
export async function getMyStatement(
  deps: { customers: CustomerRepository; ledger: PaymentLedger },
  input: { userSub: string } & StatementRange,
): Promise<Statement> {
  return statementOf(deps, await findSignedInCustomer(deps.customers, input.userSub), input);
}

/** A range of calendar days (UTC, both inclusive, either open) and a page of it. */
export interface StatementRange { from?: CalendarDate; to?: CalendarDate; cursor?: string; limit: number }

export interface Statement { openingBalance: Money; lines: StatementLine[]; nextCursor?: string }

/**
 * One customer's statement: the opening balance of the page, each entry with the balance after it.
 * @throws ValidationError naming `to` when it is before `from`, and nothing is read
 */
export async function statementOf(deps: { ledger: PaymentLedger }, customer: Customer, input: StatementRange): Promise<Statement> {
  if (input.from && input.to && input.to < input.from) throw new ValidationError('to', 'The end date cannot be before the start date.');
  const page = await deps.ledger.listEntriesBetween(customer.id, {
    limit: input.limit,
    ...(input.from ? { from: `${input.from}T00:00:00.000Z` } : {}),
    ...(input.to ? { to: `${nextDay(input.to)}T00:00:00.000Z` } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  // The balance before the page: before its first entry, or (an empty page) before the range's end.
  const before = page.items[0] ?? { createdAt: input.to ? `${nextDay(input.to)}T00:00:00.000Z` : '~', id: '' };
  const opening = money(await deps.ledger.balanceBefore(customer.id, before), customer.currency);
  let balance = opening;
  const lines = page.items.map((entry) => {
    balance = add(balance, entry.amount);
    return { entry, balanceAfter: balance };
  });
  return { openingBalance: opening, lines, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
