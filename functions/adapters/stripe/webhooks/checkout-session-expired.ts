import type Stripe from 'stripe';
import { eventBase, type EventTranslator } from './translator.js';

/** A Checkout Session closed without a payment: it ran out of time, or we expired it. */
export const checkoutSessionExpired: EventTranslator<Stripe.CheckoutSessionExpiredEvent> = async (event) => {
  const session = event.data.object;
  if (session.mode !== 'payment') return null;
  return {
    type: 'checkout.closed',
    ...eventBase(event),
    method: 'card',
    checkoutId: session.id,
    invoiceId: session.metadata?.['invoiceId'],
  };
};
