import { payments, stripeWebhooks } from './composition/payments.js';
import { webhookHandler } from './http/webhook-handler.js';

/** POST /webhooks/stripe: Stripe's events through the one webhook pipeline. */
export const handler = webhookHandler(async () => ({ deps: await payments(), source: await stripeWebhooks() }));
