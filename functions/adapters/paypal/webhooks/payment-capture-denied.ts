import { captureResource, eventBase, parseCustomId, type EventTranslator } from './translator.js';

/** A capture was denied (or a pending eCheck bounced): nothing was paid; the invoice is unpaid again. */
export const paymentCaptureDenied: EventTranslator = (event) => {
  const capture = captureResource.parse(event.resource);
  const ours = parseCustomId(capture.custom_id);
  if (!ours) return null;
  const orderId = capture.supplementary_data?.related_ids.order_id;
  return {
    type: 'payment.failed', method: 'paypal', ...eventBase(event),
    paymentId: capture.id, billingCustomerId: ours.billingCustomerId, invoiceId: ours.invoiceId,
    reason: 'denied', message: 'PayPal did not complete the payment. Nothing was taken; please pay again.', requiresAction: false,
    ...(orderId ? { checkoutId: orderId } : {}),
  };
};
