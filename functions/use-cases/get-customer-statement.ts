import { NotFoundError } from '../domain/errors.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { type Statement, type StatementRange, statementOf } from './get-my-statement.js';

/**
 * Any customer's credit history, for staff: the same statement the customer reads, whose entries
 * also say which member of staff made each adjustment (the audit trail).
 * @throws NotFoundError when the customer does not exist
 */
export async function getCustomerStatement(
  deps: { customers: CustomerRepository; ledger: PaymentLedger },
  input: { customerId: string } & StatementRange,
): Promise<Statement> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Customer');
  return statementOf(deps, customer, input);
}
