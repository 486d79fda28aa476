import Stripe from 'stripe';
import type { PaymentEvent } from '../../ports/payments/payment-events.js';
import { WebhookSignatureError } from '../../ports/payments/provider-errors.js';
import type { VerifiedWebhook, WebhookDelivery, WebhookSource } from '../../ports/payments/webhook-source.js';
import { cardDetailsOf } from './card-details.js';
import type { StripeClients } from './stripe-client.js';
import { providerError } from './stripe-errors.js';
import { handlesStripeEvent, translateStripeEvent, type StripeLookups } from './webhooks/index.js';

/** stripe-node's default: a signature older than 5 minutes is refused (docs.stripe.com/webhooks#replay-attacks). */
const TOLERANCE_SECONDS = 300;
/** constructEvent only checks age; a timestamp further ahead of our clock than this is refused too. */
const FUTURE_SKEW_SECONDS = 10;

/**
 * Stripe's webhooks for the pipeline: `Stripe-Signature` checked on the raw body by stripe-node's
 * `constructEvent` with the endpoint secret current at this moment (it may have rotated), the event id
 * as the de-duplication key, and translation by one small file per event type.
 */
export class StripeWebhookSource implements WebhookSource {
  readonly provider = 'stripe';

  constructor(private readonly clients: StripeClients, private readonly now: () => number = Date.now) {}

  async verify(delivery: WebhookDelivery): Promise<VerifiedWebhook> {
    const header = delivery.headers['stripe-signature'];
    if (!header) throw new WebhookSignatureError('Missing Stripe-Signature header');
    const secret = await this.clients.webhookSecret();
    const receivedAt = this.now();
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(delivery.rawBody, header, secret, TOLERANCE_SECONDS, undefined, receivedAt);
    } catch (error) {
      throw new WebhookSignatureError('Stripe webhook signature did not verify', { cause: error });
    }
    if (signedAt(header) > Math.floor(receivedAt / 1000) + FUTURE_SKEW_SECONDS) {
      throw new WebhookSignatureError('Stripe webhook timestamp is in the future');
    }
    return { type: event.type, dedupeKey: event.id, payload: event };
  }

  handles(type: string): boolean {
    return handlesStripeEvent(type);
  }

  translate(webhook: VerifiedWebhook): Promise<PaymentEvent | null> {
    return translateStripeEvent(webhook.payload as Stripe.Event, this.lookups);
  }

  private readonly lookups: StripeLookups = {
    card: async (id) => cardDetailsOf(await this.call((stripe) => stripe.paymentMethods.retrieve(id))),
    cardOfPayment: async (paymentIntentId) => {
      const intent = await this.call((stripe) => stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['payment_method'] }));
      const card = intent.payment_method;
      if (!card || typeof card !== 'object' || !card.card) return undefined;
      return { card: cardDetailsOf(card), saved: Boolean(intent.setup_future_usage && card.customer) };
    },
    cardOfSetup: async (setupIntentId) => {
      const intent = await this.call((stripe) => stripe.setupIntents.retrieve(setupIntentId, { expand: ['payment_method'] }));
      const card = intent.payment_method;
      return intent.status === 'succeeded' && card && typeof card === 'object' ? cardDetailsOf(card) : undefined;
    },
  };

  private async call<T>(request: (stripe: Stripe) => Promise<T>): Promise<T> {
    try {
      return await request(await this.clients.client());
    } catch (error) {
      throw providerError(error);
    }
  }
}

/**
 * The signature's timestamp as stripe-node reads it: of several `t=` items, the last one counts, so
 * a header with two cannot pass the age check with one and the future check with the other.
 */
function signedAt(header: string): number {
  let timestamp = Number.NaN;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp;
}
