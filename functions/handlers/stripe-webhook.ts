import { BusinessRuleError, NotFoundError } from '../domain/errors.js';
import { WebhookSignatureError } from '../ports/payment-gateway.js';
import { handleCardProcessorEvent } from '../use-cases/handle-card-processor-event.js';
import { payments } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { errorBody, json } from './http/responses.js';

/**
 * POST /webhooks/stripe: raw body → signature (300 s tolerance) → allow-listed type → de-duplicated by
 * event id → the same use cases as the API → 2xx. A forged or stale event gets 400 and changes
 * nothing; a fault on our side gets 5xx, so Stripe delivers again.
 */
export const handler = httpHandler('webhook', async ({ event, body }) => {
  const deps = await payments();
  let translated;
  try {
    translated = await deps.gateway.translateWebhook(body ?? '', event.headers['stripe-signature']);
  } catch (error) {
    if (!(error instanceof WebhookSignatureError)) throw error;
    logger.warn('Stripe webhook refused', { reason: error.message });
    return json(400, errorBody('invalid_signature', 'The webhook signature is missing, wrong or too old.'));
  }
  if (!translated) return json(200, { received: true });
  let handling;
  try {
    handling = await handleCardProcessorEvent(deps, translated);
  } catch (error) {
    // An event for an invoice we do not have, or in another currency, will not apply however often
    // Stripe sends it: acknowledge it and leave it to staff, rather than have it retried for 3 days.
    if (!(error instanceof NotFoundError || error instanceof BusinessRuleError)) throw error;
    logger.error('Stripe event needs staff attention', { eventId: translated.eventId, type: translated.type, error });
    return json(200, { received: true });
  }
  if (translated.type === 'payment.refunded' || translated.type === 'payment.disputed') {
    logger.warn('Card payment needs staff attention', { type: translated.type, paymentId: translated.paymentId });
  }
  logger.info('Stripe event', { eventId: translated.eventId, type: translated.type, handling });
  return json(200, { received: true });
});
