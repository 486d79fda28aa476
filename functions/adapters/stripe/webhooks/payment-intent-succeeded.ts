import type Stripe from 'stripe';
import { fromStripeAmount } from '../stripe-money.js';
import { eventBase, idOf, type EventTranslator } from './translator.js';

/** A payment went through: by Checkout or off-session. Carries the card when the payment saved it. */
export const paymentIntentSucceeded: EventTranslator<Stripe.PaymentIntentSucceededEvent> = async (event, lookups) => {
  const intent = event.data.object;
  const customerRef = idOf(intent.customer);
  if (!customerRef) return null;
  const cardId = idOf(intent.payment_method);
  return {
    type: 'payment.succeeded',
    method: 'card',
    ...eventBase(event),
    paymentId: intent.id,
    invoiceId: intent.metadata['invoiceId'],
    billingCustomerId: intent.metadata['customerId'],
    customerRef,
    amount: fromStripeAmount(intent.amount_received, intent.currency),
    savedCard: intent.setup_future_usage && cardId ? await lookups.card(cardId) : undefined,
  };
};
