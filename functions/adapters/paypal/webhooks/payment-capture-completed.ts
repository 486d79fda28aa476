import { fromPayPalAmount } from '../paypal-money.js';
import { captureResource, eventBase, parseCustomId, type EventTranslator } from './translator.js';

/** The money of a capture arrived (at once, or an eCheck that cleared): it pays the invoice, once per capture id. */
export const paymentCaptureCompleted: EventTranslator = (event) => {
  const capture = captureResource.parse(event.resource);
  const ours = parseCustomId(capture.custom_id);
  if (!ours) return null;
  const orderId = capture.supplementary_data?.related_ids.order_id;
  return {
    type: 'payment.succeeded', method: 'paypal', ...eventBase(event),
    paymentId: capture.id, billingCustomerId: ours.billingCustomerId, invoiceId: ours.invoiceId,
    amount: fromPayPalAmount({ currencyCode: capture.amount.currency_code, value: capture.amount.value }),
    ...(orderId ? { checkoutId: orderId } : {}),
  };
};
