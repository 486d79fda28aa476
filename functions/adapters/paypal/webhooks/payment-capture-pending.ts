import { captureResource, eventBase, parseCustomId, type EventTranslator } from './translator.js';

/** PayPal holds a capture (an eCheck, a review): the invoice shows "payment pending" and is not paid yet. */
export const paymentCapturePending: EventTranslator = (event) => {
  const capture = captureResource.parse(event.resource);
  const ours = parseCustomId(capture.custom_id);
  if (!ours) return null;
  const orderId = capture.supplementary_data?.related_ids.order_id;
  return {
    type: 'payment.pending', method: 'paypal', ...eventBase(event),
    paymentId: capture.id, billingCustomerId: ours.billingCustomerId, invoiceId: ours.invoiceId,
    ...(orderId ? { checkoutId: orderId } : {}),
  };
};
