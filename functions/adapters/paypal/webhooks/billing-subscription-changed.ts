import { eventBase, subscriptionResource, type EventTranslator } from './translator.js';

/**
 * BILLING.SUBSCRIPTION.ACTIVATED, .SUSPENDED, .CANCELLED and .PAYMENT.FAILED: a subscription changed.
 * The resource is the subscription as it was when the event was made; the use case asks PayPal for
 * it as it is now, so events read late or out of order still leave the last word standing.
 */
export const billingSubscriptionChanged: EventTranslator = (event) => {
  const subscription = subscriptionResource.parse(event.resource);
  return {
    type: 'subscription.changed', method: 'paypal', ...eventBase(event),
    subscriptionId: subscription.id,
    ...(subscription.custom_id ? { serviceId: subscription.custom_id } : {}),
    ...(event.event_type === 'BILLING.SUBSCRIPTION.PAYMENT.FAILED' ? { paymentFailed: true } : {}),
  };
};
