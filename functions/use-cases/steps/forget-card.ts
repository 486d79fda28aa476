import type { Customer } from '../../domain/customer.js';
import type { CardRepository } from '../../ports/card-repository.js';
import type { CustomerRepository } from '../../ports/customer-repository.js';

/**
 * Drops a card the processor no longer has. If it was the default, the oldest remaining card takes
 * its place; with none left, automatic billing has nothing to charge and so stops.
 */
export async function forgetCard(
  deps: { customers: CustomerRepository; cards: CardRepository },
  customer: Customer,
  cardId: string,
): Promise<void> {
  await deps.cards.remove(customer.id, cardId);
  if (customer.defaultCardId !== cardId) return;
  const [next] = await deps.cards.list(customer.id);
  await deps.customers.update(customer.id, { defaultCardId: next?.id ?? null });
}
