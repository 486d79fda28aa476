import type { WebhookSwitches } from './webhook-sender.js';

/** Switches for faults. Counters count down as they fire; set them at any time. */
export interface StripeSandboxFaults extends WebhookSwitches {
  /** The next N API calls answer 500 api_error before doing anything (nothing is saved for their key). */
  failNextWith500: number;
  /** The next N API calls lose their connection before doing anything. */
  resetNextConnections: number;
  /** The next N API calls answer 429 rate_limit. */
  rateLimitNext: number;
  /** The next N charges (`POST /v1/payment_intents`) are carried out and saved, then answered with 500. */
  loseNextChargeResponseWith500: number;
  /** The next N charges are carried out and saved, then the connection is cut without an answer. */
  loseNextChargeResponseWithReset: number;
  /**
   * The next N `POST /v1/refunds` requests (each HTTP attempt, stripe-node's own retries included)
   * answer 500 api_error before doing anything: nothing is refunded and nothing is saved for their
   * idempotency key, so a later retry with the same key can succeed.
   */
  failNextRefunds: number;
  /**
   * The next N refunds that would otherwise go ahead are refused as Stripe refuses a refund of a
   * disputed charge: 400 invalid_request_error, code `charge_disputed`. Nothing is refunded; the
   * refusal is saved for the idempotency key (a retry with that key gets it again).
   */
  refuseNextRefunds: number;
}

export const NO_FAULTS: Readonly<StripeSandboxFaults> = {
  failNextWith500: 0,
  resetNextConnections: 0,
  rateLimitNext: 0,
  loseNextChargeResponseWith500: 0,
  loseNextChargeResponseWithReset: 0,
  failNextRefunds: 0,
  refuseNextRefunds: 0,
  duplicateWebhooks: false,
  reorderWebhooks: false,
  dropFirstWebhookDelivery: false,
  holdWebhooks: false,
};
