import type Stripe from 'stripe';
import { eventBase, idOf, type EventTranslator } from './translator.js';

/** A card was saved without a payment (Checkout in setup mode). */
export const setupIntentSucceeded: EventTranslator<Stripe.SetupIntentSucceededEvent> = async (event, lookups) => {
  const intent = event.data.object;
  const customerRef = idOf(intent.customer);
  const cardId = idOf(intent.payment_method);
  if (!customerRef || !cardId) return null;
  return {
    type: 'card.saved',
    ...eventBase(event),
    customerRef,
    billingCustomerId: intent.metadata?.['customerId'],
    card: await lookups.card(cardId),
  };
};
