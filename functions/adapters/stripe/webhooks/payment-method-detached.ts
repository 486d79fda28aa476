import type Stripe from 'stripe';
import { eventBase, type EventTranslator } from './translator.js';

/** A card was removed at Stripe (by us, or from Stripe's dashboard). The customer it left is in previous_attributes. */
export const paymentMethodDetached: EventTranslator<Stripe.PaymentMethodDetachedEvent> = async (event) => {
  const previous = event.data.previous_attributes as { customer?: unknown } | undefined;
  return {
    type: 'card.detached',
    ...eventBase(event),
    cardId: event.data.object.id,
    customerRef: typeof previous?.customer === 'string' ? previous.customer : undefined,
  };
};
