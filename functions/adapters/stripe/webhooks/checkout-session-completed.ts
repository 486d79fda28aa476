import type Stripe from 'stripe';
import { fromStripeAmount } from '../stripe-money.js';
import { eventBase, idOf, receiptCard, type EventTranslator } from './translator.js';

/**
 * A finished Checkout: in payment mode the invoice is paid (the same payment that
 * `payment_intent.succeeded` reports; the use case de-duplicates by payment id); in setup mode a card
 * was saved.
 */
export const checkoutSessionCompleted: EventTranslator<Stripe.CheckoutSessionCompletedEvent> = async (event, lookups) => {
  const session = event.data.object;
  const customerRef = idOf(session.customer);
  if (!customerRef) return null;
  const billingCustomerId = session.metadata?.['customerId'];
  if (session.mode === 'setup') {
    const setupIntentId = idOf(session.setup_intent);
    const card = setupIntentId ? await lookups.cardOfSetup(setupIntentId) : undefined;
    return card ? { type: 'card.saved', ...eventBase(event), customerRef, billingCustomerId, card } : null;
  }
  const paymentId = idOf(session.payment_intent);
  if (session.mode !== 'payment' || session.payment_status !== 'paid' || !paymentId || session.amount_total === null || !session.currency) {
    return null;
  }
  const paidWith = await lookups.cardOfPayment(paymentId);
  return {
    type: 'payment.succeeded',
    method: 'card',
    ...eventBase(event),
    paymentId,
    invoiceId: session.metadata?.['invoiceId'],
    batchId: session.metadata?.['batchId'],
    billingCustomerId,
    customerRef,
    amount: fromStripeAmount(session.amount_total, session.currency),
    checkoutId: session.id,
    card: receiptCard(paidWith?.card),
    savedCard: paidWith?.saved ? paidWith.card : undefined,
  };
};
