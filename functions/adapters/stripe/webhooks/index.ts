import type Stripe from 'stripe';
import type { PaymentEvent } from '../../../ports/payments/payment-events.js';
import { chargeDisputeCreated } from './charge-dispute-created.js';
import { chargeRefunded } from './charge-refunded.js';
import { checkoutSessionCompleted } from './checkout-session-completed.js';
import { checkoutSessionExpired } from './checkout-session-expired.js';
import { paymentIntentPaymentFailed } from './payment-intent-payment-failed.js';
import { paymentIntentSucceeded } from './payment-intent-succeeded.js';
import { paymentMethodDetached } from './payment-method-detached.js';
import { refundCreated } from './refund-created.js';
import { setupIntentSucceeded } from './setup-intent-succeeded.js';
import type { EventTranslator, StripeLookups } from './translator.js';

/** The allow-list (PROVIDERS.md): the event types we act on, each with its own translator. */
const TRANSLATORS = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.expired': checkoutSessionExpired,
  'payment_intent.succeeded': paymentIntentSucceeded,
  'payment_intent.payment_failed': paymentIntentPaymentFailed,
  'setup_intent.succeeded': setupIntentSucceeded,
  'payment_method.detached': paymentMethodDetached,
  'charge.refunded': chargeRefunded,
  'refund.created': refundCreated,
  'charge.dispute.created': chargeDisputeCreated,
} satisfies { [T in Stripe.Event.Type]?: EventTranslator<Extract<Stripe.Event, { type: T }>> };

export const HANDLED_EVENT_TYPES = Object.keys(TRANSLATORS) as ReadonlyArray<keyof typeof TRANSLATORS>;

export function handlesStripeEvent(type: string): type is keyof typeof TRANSLATORS {
  return Object.hasOwn(TRANSLATORS, type);
}

/** The neutral event for one allow-listed Stripe event, or null when it needs nothing from us. */
export function translateStripeEvent(event: Stripe.Event, lookups: StripeLookups): Promise<PaymentEvent | null> {
  if (!handlesStripeEvent(event.type)) return Promise.resolve(null);
  const translate = TRANSLATORS[event.type as keyof typeof TRANSLATORS] as EventTranslator<Stripe.Event>;
  return translate(event, lookups);
}

export type { StripeLookups } from './translator.js';
