import { type BillingDetailsChange, billingDetailsChange } from '../domain/billing-details.js';
import type { Customer } from '../domain/customer.js';
import { NotFoundError } from '../domain/errors.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/**
 * The customer changes their own account, in one write: automatic card billing on or off, which saved
 * card it charges, and the billing address and tax ID their invoices print (`null` clears one).
 * @throws NotFoundError for a card that is not theirs; ValidationError for billing details that
 *   cannot be printed (see billing-details.ts)
 */
export async function updateMyPreferences(
  deps: { customers: CustomerRepository; cards: CardRepository },
  input: { userSub: string; autopay?: boolean; defaultCardId?: string } & BillingDetailsChange,
): Promise<Customer> {
  const billing = billingDetailsChange(input);
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  if (input.defaultCardId !== undefined && !(await deps.cards.get(customer.id, input.defaultCardId))) {
    throw new NotFoundError('Card');
  }
  return deps.customers.update(customer.id, {
    ...(input.autopay !== undefined ? { autopay: input.autopay } : {}),
    ...(input.defaultCardId !== undefined ? { defaultCardId: input.defaultCardId } : {}),
    ...billing,
  });
}
