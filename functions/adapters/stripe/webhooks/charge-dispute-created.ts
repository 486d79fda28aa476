import type Stripe from 'stripe';
import { fromStripeAmount } from '../stripe-money.js';
import { eventBase, idOf, type EventTranslator } from './translator.js';

/** The cardholder disputed a payment; the amount is held back by Stripe until the dispute closes. */
export const chargeDisputeCreated: EventTranslator<Stripe.ChargeDisputeCreatedEvent> = async (event) => {
  const dispute = event.data.object;
  return {
    type: 'payment.disputed',
    method: 'card',
    ...eventBase(event),
    paymentId: idOf(dispute.payment_intent) ?? idOf(dispute.charge) ?? dispute.id,
    invoiceId: dispute.metadata?.['invoiceId'],
    amount: fromStripeAmount(dispute.amount, dispute.currency),
  };
};
