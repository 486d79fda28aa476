import type { Customer } from '../../domain/customer.js';
import type { CardRepository } from '../../ports/card-repository.js';
import type { Clock } from '../../ports/clock.js';
import type { CardDetails } from '../../ports/payments/saved-payment-methods.js';

/**
 * Keeps a card the processor saved for the customer (from a setup page, or a payment that saved it).
 * The first card becomes the default for automatic billing (in the same write, see CardRepository).
 * Saving the same card again changes nothing.
 */
export async function saveCard(
  deps: { cards: CardRepository; clock: Clock },
  input: { customer: Customer; card: CardDetails },
): Promise<void> {
  const { customer, card } = input;
  await deps.cards.add({
    id: card.id, customerId: customer.id, brand: card.brand, last4: card.last4,
    expMonth: card.expMonth, expYear: card.expYear, addedAt: deps.clock.now().toISOString(),
  });
}
