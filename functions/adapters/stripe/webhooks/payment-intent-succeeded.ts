import type Stripe from 'stripe';
import { fromStripeAmount } from '../stripe-money.js';
import { eventBase, idOf, receiptCard, type EventTranslator } from './translator.js';

/**
 * A payment went through: by Checkout or off-session. When the payment saved its card, carries it (to
 * keep, and for the receipt); otherwise the receipt's card comes from `checkout.session.completed` or
 * from our own charge of a saved card.
 */
export const paymentIntentSucceeded: EventTranslator<Stripe.PaymentIntentSucceededEvent> = async (event, lookups) => {
  const intent = event.data.object;
  const customerRef = idOf(intent.customer);
  if (!customerRef) return null;
  const cardId = idOf(intent.payment_method);
  // Only a payment that saved its card needs the card's details from Stripe; the receipt then shows them too.
  const card = intent.setup_future_usage && cardId ? await lookups.card(cardId) : undefined;
  return {
    type: 'payment.succeeded',
    method: 'card',
    ...eventBase(event),
    paymentId: intent.id,
    invoiceId: intent.metadata['invoiceId'],
    batchId: intent.metadata['batchId'],
    billingCustomerId: intent.metadata['customerId'],
    customerRef,
    amount: fromStripeAmount(intent.amount_received, intent.currency),
    card: receiptCard(card),
    savedCard: card,
  };
};
