import type { PaymentEvent } from '../../../ports/payments/payment-events.js';
import { billingSubscriptionChanged } from './billing-subscription-changed.js';
import { checkoutOrderApproved } from './checkout-order-approved.js';
import { paymentCaptureCompleted } from './payment-capture-completed.js';
import { paymentCaptureDenied } from './payment-capture-denied.js';
import { paymentCapturePending } from './payment-capture-pending.js';
import { paymentCaptureRefunded } from './payment-capture-refunded.js';
import { paymentSaleCompleted } from './payment-sale-completed.js';
import type { EventTranslator, PayPalEvent } from './translator.js';

/** The allow-list (PROVIDERS.md: one-off payments, then subscriptions): the event types we act on, each with its translator. */
const TRANSLATORS: Readonly<Record<string, EventTranslator>> = {
  'CHECKOUT.ORDER.APPROVED': checkoutOrderApproved,
  'PAYMENT.CAPTURE.COMPLETED': paymentCaptureCompleted,
  'PAYMENT.CAPTURE.PENDING': paymentCapturePending,
  'PAYMENT.CAPTURE.DENIED': paymentCaptureDenied,
  'PAYMENT.CAPTURE.REFUNDED': paymentCaptureRefunded,
  'PAYMENT.CAPTURE.REVERSED': paymentCaptureRefunded,
  'BILLING.SUBSCRIPTION.ACTIVATED': billingSubscriptionChanged,
  'BILLING.SUBSCRIPTION.SUSPENDED': billingSubscriptionChanged,
  'BILLING.SUBSCRIPTION.CANCELLED': billingSubscriptionChanged,
  'BILLING.SUBSCRIPTION.PAYMENT.FAILED': billingSubscriptionChanged,
  'PAYMENT.SALE.COMPLETED': paymentSaleCompleted,
};

export const HANDLED_PAYPAL_EVENT_TYPES = Object.keys(TRANSLATORS);

export function handlesPayPalEvent(type: string): boolean {
  return Object.hasOwn(TRANSLATORS, type);
}

/** The neutral event for one allow-listed PayPal event, or null when it needs nothing from us. */
export function translatePayPalEvent(event: PayPalEvent): PaymentEvent | null {
  return handlesPayPalEvent(event.event_type) ? TRANSLATORS[event.event_type]!(event) : null;
}
