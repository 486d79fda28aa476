import type Stripe from 'stripe';
import { fromStripeAmount } from '../stripe-money.js';
import { eventBase, idOf, type EventTranslator } from './translator.js';

/** Money went back to the card. `amount_refunded` is the running total, so replays and reordering are harmless. */
export const chargeRefunded: EventTranslator<Stripe.ChargeRefundedEvent> = async (event) => {
  const charge = event.data.object;
  return {
    type: 'payment.refunded',
    method: 'card',
    ...eventBase(event),
    paymentId: idOf(charge.payment_intent) ?? charge.id,
    invoiceId: charge.metadata['invoiceId'],
    customerRef: idOf(charge.customer),
    totalRefunded: fromStripeAmount(charge.amount_refunded, charge.currency),
  };
};
