import type { PaymentEvent } from '../ports/payments/payment-events.js';
import type { WebhookClaims } from '../ports/payments/webhook-claims.js';
import type { WebhookDelivery, WebhookSource } from '../ports/payments/webhook-source.js';
import { type ApplyPaymentEventDeps, type EventHandling, applyPaymentEvent } from './steps/apply-payment-event.js';

/** What became of one delivery; the handler answers 2xx for all but `in_progress`. */
export type WebhookReceipt =
  /** An event type outside the allow-list: acknowledged, nothing recorded. */
  | { status: 'not_handled'; type: string }
  /** Applied (or refused, or found to need nothing) before: one conditional write, nothing else. */
  | { status: 'duplicate'; type: string }
  /** Another delivery of the same event is being applied right now; the provider should retry. */
  | { status: 'in_progress'; type: string }
  | { status: 'processed'; type: string; event: PaymentEvent | null; handling: EventHandling };

/**
 * One webhook pipeline for every provider (DESIGN.md "Webhooks"):
 *
 * 1. the provider's signature check on the raw bytes (a forged or stale delivery throws
 *    `WebhookSignatureError` and changes nothing);
 * 2. the allow-list of event types;
 * 3. the event is claimed with one conditional write, before any call to the provider's API, so a
 *    redelivery costs that one write and nothing else;
 * 4. translated to the neutral event (which may ask the provider for details);
 * 5. applied by the same steps as the API, then the claim is completed with what became of it
 *    (applied, ignored, or refused with the reason, for staff).
 *
 * A fault in 4 or 5 releases the claim and is rethrown, so the provider's next delivery tries again.
 */
export async function receiveWebhook(
  deps: ApplyPaymentEventDeps & { claims: WebhookClaims },
  source: WebhookSource,
  delivery: WebhookDelivery,
): Promise<WebhookReceipt> {
  const webhook = await source.verify(delivery);
  const { type } = webhook;
  if (!source.handles(type)) return { status: 'not_handled', type };

  const claim = await deps.claims.claim(source.provider, webhook.dedupeKey, deps.clock.now());
  if (claim === 'done') return { status: 'duplicate', type };
  if (claim === 'in_progress') return { status: 'in_progress', type };

  try {
    const event = await source.translate(webhook);
    const handling: EventHandling = event
      ? await applyPaymentEvent(deps, event)
      : { outcome: 'ignored', reason: 'The event needs nothing from us.' };
    await deps.claims.complete(source.provider, webhook.dedupeKey, { ...handling, eventType: type }, deps.clock.now());
    return { status: 'processed', type, event, handling };
  } catch (error) {
    await deps.claims.release(source.provider, webhook.dedupeKey).catch(() => undefined);
    throw error;
  }
}
