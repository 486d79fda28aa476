import { fromPayPalAmount } from '../paypal-money.js';
import { captureIdOf, eventBase, refundReferenceOf, refundResource, type EventTranslator, type PayPalEvent } from './translator.js';

/**
 * Money of a capture went back to the buyer: a refund from PayPal's dashboard (.REFUNDED) or a
 * chargeback (.REVERSED, sent as a refund resource), or one we asked for (its `custom_id` names our
 * request). Recorded by the refund's id, so replays and reordering are harmless.
 */
export const paymentCaptureRefunded: EventTranslator = (event: PayPalEvent) => {
  const refund = refundResource.parse(event.resource);
  const captureId = captureIdOf(refund.links);
  if (!captureId) return null;
  const total = refund.seller_payable_breakdown?.total_refunded_amount ?? refund.amount;
  const reference = refundReferenceOf(refund.custom_id);
  return {
    type: 'payment.refunded', method: 'paypal', ...eventBase(event),
    paymentId: captureId,
    totalRefunded: fromPayPalAmount({ currencyCode: total.currency_code, value: total.value }),
    refund: {
      refundId: refund.id,
      amount: fromPayPalAmount({ currencyCode: refund.amount.currency_code, value: refund.amount.value }),
      ...(reference ? { reference } : {}),
    },
  };
};
