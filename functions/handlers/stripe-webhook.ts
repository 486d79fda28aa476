import { payments } from './composition/payments.js';
import { webhookHandler } from './http/webhook-handler.js';

/** POST /webhooks/stripe: Stripe's events through the one webhook pipeline. */
export const handler = webhookHandler(async () => {
  const deps = await payments();
  return { deps, source: deps.stripeWebhooks };
});
