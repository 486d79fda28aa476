import { NotFoundError } from '../domain/errors.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { SavedPaymentMethods } from '../ports/payments/saved-payment-methods.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';
import { providerCall } from './steps/provider-call.js';
import { forgetCard } from './steps/forget-card.js';

/**
 * The customer deletes a saved card: at the processor first, and only once it confirms, here. If the
 * processor cannot be reached the card stays, so we never show a card as gone that could still be
 * charged, nor lose one that was not removed.
 */
export async function removePaymentMethod(
  deps: { customers: CustomerRepository; cards: CardRepository; savedMethods: SavedPaymentMethods },
  input: { userSub: string; cardId: string },
): Promise<void> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const card = await deps.cards.get(customer.id, input.cardId);
  if (!card) throw new NotFoundError('Card');
  await providerCall(
    () => deps.savedMethods.detach(card.id),
    'Your card could not be removed right now. It is still saved; please try again in a few minutes.',
  );
  await forgetCard(deps, customer, card.id);
}
