import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { WebhookSignatureError } from '../../ports/payments/provider-errors.js';
import type { WebhookSource } from '../../ports/payments/webhook-source.js';
import { type WebhookReceipt, receiveWebhook } from '../../use-cases/receive-webhook.js';
import { logger } from './logger.js';
import { type HttpContext, type HttpEvent, correlationId, decodeBody, mapErrors } from './middleware.js';
import { type HttpResult, errorBody, json } from './responses.js';

type ReceiveDeps = Parameters<typeof receiveWebhook>[0];

/**
 * The frame of every provider's webhook route: the raw body, untouched, through the one pipeline
 * (use-cases/receive-webhook.ts). A forged or stale delivery gets 400 and changes nothing; a delivery
 * of an event another delivery is applying gets 503, and a fault on our side 5xx, so the provider
 * delivers again (BTCPay redelivers only after 5xx, 429 or 408; Stripe and PayPal after any non-2xx);
 * everything else gets 200. Refused events are logged for staff.
 *
 * A new provider's route is `webhookHandler(async () => ({ deps, source }))` with its WebhookSource.
 */
export function webhookHandler(load: () => Promise<{ deps: ReceiveDeps; source: WebhookSource }>) {
  return middy<HttpEvent, HttpResult, Error, HttpContext>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlationId())
    .use(mapErrors())
    .use(decodeBody())
    .handler(async (event, context) => {
      const { deps, source } = await load();
      let receipt: WebhookReceipt;
      try {
        receipt = await receiveWebhook(deps, source, { rawBody: context.rawBody ?? '', headers: event.headers });
      } catch (error) {
        if (!(error instanceof WebhookSignatureError)) throw error;
        logger.warn('Webhook refused: bad signature', { provider: source.provider, reason: error.message });
        return json(400, errorBody('invalid_signature', 'The webhook signature is missing, wrong or too old.'));
      }
      log(source.provider, receipt);
      if (receipt.status === 'in_progress') {
        const busy = json(503, errorBody('in_progress', 'This event is being processed; deliver it again later.'));
        return { ...busy, headers: { ...busy.headers, 'retry-after': '10' } };
      }
      return json(200, { received: true });
    });
}

function log(provider: string, receipt: WebhookReceipt): void {
  if (receipt.status !== 'processed') {
    logger.info('Webhook', { provider, type: receipt.type, status: receipt.status });
    return;
  }
  const { handling, event } = receipt;
  const details = { provider, type: receipt.type, outcome: handling.outcome, reason: handling.reason, eventId: event?.eventId };
  if (handling.outcome === 'refused') logger.error('Webhook event refused; staff attention needed', details);
  else logger.info('Webhook', details);
}
