import type { WebhookSwitches } from './webhook-sender.js';

/** Switches for faults. Counters count down as they fire; set them at any time. */
export interface BtcpaySandboxFaults extends WebhookSwitches {
  /** The next N API calls answer 500 before doing anything. */
  failNextWith500: number;
  /** The next N API calls lose their connection before doing anything. */
  resetNextConnections: number;
  /** The next N API calls answer 429. */
  rateLimitNext: number;
  /** The next N `POST …/invoices` are carried out, then answered with 500 (the invoice exists). */
  loseNextCreateResponse: number;
}

export const NO_FAULTS: Readonly<BtcpaySandboxFaults> = {
  failNextWith500: 0,
  resetNextConnections: 0,
  rateLimitNext: 0,
  loseNextCreateResponse: 0,
  holdWebhooks: false,
  duplicateWebhooks: false,
  reorderWebhooks: false,
  dropFirstWebhookDelivery: false,
};
