import type { PaymentEvent } from './payment-events.js';

/** One delivery as it reached us: the raw bytes (signatures cover them exactly) and the headers. */
export interface WebhookDelivery {
  readonly rawBody: string | Uint8Array;
  /** Header names in lower case, as API Gateway gives them. */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** A delivery whose signature verified: what the pipeline needs before it asks the provider anything. */
export interface VerifiedWebhook {
  /** The provider's event type, e.g. `checkout.session.completed`, `PAYMENT.CAPTURE.COMPLETED`. */
  readonly type: string;
  /**
   * What identifies the event across redeliveries: Stripe's and PayPal's event id; for BTCPay, whose
   * redeliveries get new ids, the invoice id and event type (PROVIDERS.md).
   */
  readonly dedupeKey: string;
  /** The provider's parsed event, for `translate`. */
  readonly payload: unknown;
}

/**
 * One provider's webhooks: a verifier and a translator. The pipeline (use-cases/receive-webhook.ts)
 * runs them around its own steps: verify → allow-list → claim the event → translate → apply. Adding
 * a provider means one of these, plus a route; nothing else changes.
 */
export interface WebhookSource {
  /** The name the provider's events are claimed under (`stripe`, `paypal`, `btcpay`). */
  readonly provider: string;
  /**
   * Checks the signature on the raw body, with no call to the provider's API.
   * @throws WebhookSignatureError when the signature is missing, wrong or stale
   */
  verify(delivery: WebhookDelivery): Promise<VerifiedWebhook>;
  /** True for the event types we act on (the allow-list); others are acknowledged and ignored. */
  handles(type: string): boolean;
  /**
   * The neutral event, or null when this one needs nothing from us. May call the provider's API
   * (webhooks carry ids, not a card's details): the pipeline calls it only after claiming the event,
   * so a redelivery never does.
   * @throws PaymentProviderUnavailableError when a look-up fails; the delivery is answered 5xx and retried
   */
  translate(webhook: VerifiedWebhook): Promise<PaymentEvent | null>;
}
