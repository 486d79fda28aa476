import { verify } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { PaymentEvent } from '../../ports/payments/payment-events.js';
import { WebhookSignatureError } from '../../ports/payments/provider-errors.js';
import type { VerifiedWebhook, WebhookDelivery, WebhookSource } from '../../ports/payments/webhook-source.js';
import type { SigningCertificates } from './certificate-trust.js';
import type { PayPalClients } from './paypal-client.js';
import { handlesPayPalEvent, translatePayPalEvent } from './webhooks/index.js';
import { type PayPalEvent, paypalEvent } from './webhooks/translator.js';

/**
 * How old a delivery may be: PayPal signs each delivery (retries too) when it sends it, so a genuine
 * one is seconds old; 5 minutes covers clock skew and queueing, as Stripe's tolerance does, and keeps a
 * captured delivery from being replayed later. A transmission time further ahead of our clock than
 * 10 seconds is refused too.
 */
export const TOLERANCE_SECONDS = 300;
export const FUTURE_SKEW_SECONDS = 10;

/**
 * PayPal's webhooks for the pipeline, verified offline (developer.paypal.com/api/rest/webhooks/rest/,
 * "self-verification"): SHA256withRSA over `<PAYPAL-TRANSMISSION-ID>|<PAYPAL-TRANSMISSION-TIME>|
 * <our webhook id>|<CRC32 of the raw body, decimal>`, with the certificate at PAYPAL-CERT-URL, which
 * must be on a PayPal host and chain to a trusted root (certificate-trust.ts). The event id is the
 * de-duplication key: PayPal keeps it across its retries.
 */
export class PayPalWebhookSource implements WebhookSource {
  readonly provider = 'paypal';

  constructor(
    private readonly clients: Pick<PayPalClients, 'webhookId'>,
    private readonly certificates: SigningCertificates,
    private readonly now: () => number = Date.now,
  ) {}

  async verify(delivery: WebhookDelivery): Promise<VerifiedWebhook> {
    const h = delivery.headers;
    const transmissionId = h['paypal-transmission-id'];
    const transmissionTime = h['paypal-transmission-time'];
    const signature = h['paypal-transmission-sig'];
    const certUrl = h['paypal-cert-url'];
    if (!transmissionId || !transmissionTime || !signature || !certUrl) throw new WebhookSignatureError('Missing PayPal transmission headers');
    if (h['paypal-auth-algo'] !== 'SHA256withRSA') throw new WebhookSignatureError(`Unsupported PAYPAL-AUTH-ALGO: ${h['paypal-auth-algo'] ?? '(none)'}`);

    const now = this.now();
    const sentAt = Date.parse(transmissionTime);
    if (Number.isNaN(sentAt)) throw new WebhookSignatureError('PAYPAL-TRANSMISSION-TIME is not a time');
    if (now - sentAt > TOLERANCE_SECONDS * 1000) throw new WebhookSignatureError('PayPal webhook transmission time is too old');
    if (sentAt - now > FUTURE_SKEW_SECONDS * 1000) throw new WebhookSignatureError('PayPal webhook transmission time is in the future');

    const leaf = await this.certificates.leaf(certUrl, new Date(now));
    const raw = typeof delivery.rawBody === 'string' ? Buffer.from(delivery.rawBody, 'utf8') : Buffer.from(delivery.rawBody);
    const signed = `${transmissionId}|${transmissionTime}|${await this.clients.webhookId()}|${crc32(raw)}`;
    if (!verify('sha256', Buffer.from(signed, 'utf8'), leaf.publicKey, Buffer.from(signature, 'base64'))) {
      throw new WebhookSignatureError('PayPal webhook signature did not verify');
    }
    let event: PayPalEvent;
    try {
      event = paypalEvent.parse(JSON.parse(raw.toString('utf8')));
    } catch (error) {
      throw new WebhookSignatureError('A signed PayPal webhook that is not an event', { cause: error });
    }
    return { type: event.event_type, dedupeKey: event.id, payload: event };
  }

  handles(type: string): boolean {
    return handlesPayPalEvent(type);
  }

  async translate(webhook: VerifiedWebhook): Promise<PaymentEvent | null> {
    return translatePayPalEvent(webhook.payload as PayPalEvent);
  }
}
