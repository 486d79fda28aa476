import type { Customer } from '../domain/customer.js';
import { BusinessRuleError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import { MAX_AMOUNT_MINOR, maxAmountText, money } from '../domain/money.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import type { UserDirectory } from '../ports/user-directory.js';

export const MAX_REASON_LENGTH = 300;

/**
 * Staff grant credit (a goodwill gesture) or remove it (a correction), always with a reason: one
 * `adjustment` entry, signed, naming who made it. The customer reads the reason in their history; staff
 * read it, with who and when, in the audit trail. Credit can never be removed below zero: the balance
 * condition is checked in the same write, so two removals at once cannot overdraw it.
 * @param input.amountMinor signed, in the account currency's minor units; never zero
 * @throws ValidationError naming `amount` or `reason`
 * @throws BusinessRuleError when a removal would take the balance below zero; CreditLimitError (a
 *   BusinessRuleError) when a grant would take it past MAX_AMOUNT_MINOR (money.ts), checked in the same write
 * @throws NotFoundError when the customer does not exist
 */
export async function adjustCredit(
  deps: { customers: CustomerRepository; ledger: PaymentLedger; ids: IdGenerator; clock: Clock; users: UserDirectory },
  input: { customerId: string; amountMinor: number; reason: string; staff: { sub: string; username: string } },
): Promise<{ entry: LedgerEntry; customer: Customer }> {
  const reason = input.reason.trim();
  if (!reason) throw new ValidationError('reason', 'Give the reason: the customer sees it in their account history.');
  if (reason.length > MAX_REASON_LENGTH) throw new ValidationError('reason', `Keep the reason to ${MAX_REASON_LENGTH} characters.`);
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor === 0) {
    throw new ValidationError('amount', 'Enter an amount to grant (positive) or remove (negative), not zero.');
  }
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Customer');
  if (Math.abs(input.amountMinor) > MAX_AMOUNT_MINOR) {
    throw new ValidationError('amount', `Grant or remove at most ${maxAmountText(customer.currency)} at a time.`);
  }
  // Staff are named in the audit trail by the address they sign in with.
  const actor = { id: input.staff.sub, name: (await deps.users.emailOf(input.staff.username)) ?? input.staff.username };
  const entry: LedgerEntry = {
    id: deps.ids.newId('led'), customerId: customer.id, kind: 'adjustment', amount: money(input.amountMinor, customer.currency),
    createdAt: deps.clock.now().toISOString(), description: reason, actor,
  };
  if (await deps.ledger.addEntry(entry) === 'insufficient_credit') {
    throw new BusinessRuleError('Credit can never go below zero: remove at most what the customer has.');
  }
  return { entry, customer: (await deps.customers.get(customer.id))! };
}
