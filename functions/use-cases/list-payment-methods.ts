import type { Customer } from '../domain/customer.js';
import type { SavedCard } from '../domain/saved-card.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** The signed-in customer's saved cards, and which one is charged automatically. */
export async function listPaymentMethods(
  deps: { customers: CustomerRepository; cards: CardRepository },
  input: { userSub: string },
): Promise<{ customer: Customer; cards: SavedCard[] }> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  return { customer, cards: await deps.cards.list(customer.id) };
}
