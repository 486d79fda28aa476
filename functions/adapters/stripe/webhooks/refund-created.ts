import type Stripe from 'stripe';
import { fromStripeAmount } from '../stripe-money.js';
import { eventBase, idOf, type EventTranslator } from './translator.js';

/** The metadata key under which a refund we ask for carries our request id. */
export const REFUND_REFERENCE_KEY = 'refundRequestId';

/**
 * A refund was made: one we asked for (its metadata names our request), or one made at Stripe's
 * dashboard. Sent for every refund since API version 2024-10-28.acacia, with the refund's id and
 * amount, which `charge.refunded` does not carry (docs.stripe.com/changelog/acacia/2024-10-28/refund-webhook-update).
 * Recorded by the refund's id, so replays and reordering are harmless.
 */
export const refundCreated: EventTranslator<Stripe.RefundCreatedEvent> = async (event) => {
  const refund = event.data.object;
  const paymentId = idOf(refund.payment_intent);
  if (!paymentId || refund.status === 'failed' || refund.status === 'canceled') return null;
  const reference = refund.metadata?.[REFUND_REFERENCE_KEY];
  return {
    type: 'payment.refunded',
    method: 'card',
    ...eventBase(event),
    paymentId,
    refund: { refundId: refund.id, amount: fromStripeAmount(refund.amount, refund.currency), ...(reference ? { reference } : {}) },
  };
};
