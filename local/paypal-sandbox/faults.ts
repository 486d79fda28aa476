import type { WebhookSwitches } from './webhook-sender.js';

/** Switches for faults, like the Stripe sandbox's. Counters count down as they fire; set them at any time. */
export interface PayPalSandboxFaults extends WebhookSwitches {
  /** The next N API calls (the OAuth token included) answer 500 INTERNAL_SERVER_ERROR before doing anything. */
  failNextWith500: number;
  /** The next N API calls lose their connection before doing anything. */
  resetNextConnections: number;
  /** The next N API calls answer 429 RATE_LIMIT_REACHED. */
  rateLimitNext: number;
  /** The next N captures are carried out (and announced), then answered 500: a retry with the same PayPal-Request-Id gets the order. */
  loseNextCaptureResponseWith500: number;
  /** The next N captures are carried out, then the connection is cut without an answer. */
  loseNextCaptureResponseWithReset: number;
  /** The next N refunds answer 500 and refund nothing. */
  failNextRefunds: number;
  /** The next N refunds are refused as for a disputed capture: 422 REFUND_NOT_PERMITTED_DUE_TO_CHARGEBACK. */
  refuseNextRefunds: number;
}

export const NO_FAULTS: Readonly<PayPalSandboxFaults> = {
  failNextWith500: 0,
  resetNextConnections: 0,
  rateLimitNext: 0,
  loseNextCaptureResponseWith500: 0,
  loseNextCaptureResponseWithReset: 0,
  failNextRefunds: 0,
  refuseNextRefunds: 0,
  duplicateWebhooks: false,
  reorderWebhooks: false,
  dropFirstWebhookDelivery: false,
  holdWebhooks: false,
};
