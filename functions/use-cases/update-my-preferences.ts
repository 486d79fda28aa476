import type { Customer } from '../domain/customer.js';
import { NotFoundError } from '../domain/errors.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** The customer turns automatic card billing on or off, or picks which saved card it charges. */
export async function updateMyPreferences(
  deps: { customers: CustomerRepository; cards: CardRepository },
  input: { userSub: string; autopay?: boolean; defaultCardId?: string },
): Promise<Customer> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  if (input.defaultCardId !== undefined && !(await deps.cards.get(customer.id, input.defaultCardId))) {
    throw new NotFoundError('Card');
  }
  return deps.customers.updatePreferences(customer.id, {
    ...(input.autopay !== undefined ? { autopay: input.autopay } : {}),
    ...(input.defaultCardId !== undefined ? { defaultCardId: input.defaultCardId } : {}),
  });
}
