import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PaymentEvent } from '../../ports/payments/payment-events.js';
import { WebhookSignatureError } from '../../ports/payments/provider-errors.js';
import type { VerifiedWebhook, WebhookDelivery, WebhookSource } from '../../ports/payments/webhook-source.js';
import type { BtcpayClient } from './btcpay-client.js';
import { type WebhookEvent, webhookEvent } from './greenfield.js';
import { type BtcpayLookups, PAYMENT_EVENT_TYPES, handlesBtcpayEvent, translateBtcpayEvent } from './webhooks/index.js';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * BTCPay's webhooks for the pipeline. `BTCPay-Sig: sha256=<hex>` is the HMAC-SHA256 of the raw body
 * with the webhook's secret (the one in force now: it may have rotated), compared in constant time;
 * the signature has no timestamp, so there is no age to check.
 *
 * The de-duplication key is the BTCPay invoice and the event type, never the delivery id: BTCPay gives
 * every retry and every redelivery a new `deliveryId` (PROVIDERS.md). Events about one payment
 * (InvoiceReceivedPayment, InvoicePaymentSettled) come once per payment, so theirs also names the
 * payment, which stays the same across redeliveries.
 */
export class BtcpayWebhookSource implements WebhookSource {
  readonly provider = 'btcpay';

  constructor(private readonly client: BtcpayClient) {}

  async verify(delivery: WebhookDelivery): Promise<VerifiedWebhook> {
    const header = delivery.headers['btcpay-sig'];
    if (!header) throw new WebhookSignatureError('Missing BTCPay-Sig header');
    const given = SIGNATURE.exec(header.trim())?.[1];
    if (!given) throw new WebhookSignatureError('BTCPay-Sig is not sha256=<64 hex digits>');
    const raw = typeof delivery.rawBody === 'string' ? Buffer.from(delivery.rawBody, 'utf8') : Buffer.from(delivery.rawBody);
    const expected = createHmac('sha256', await this.client.webhookSecret()).update(raw).digest();
    if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw new WebhookSignatureError('BTCPay webhook signature did not verify');

    let event: WebhookEvent;
    try {
      event = webhookEvent.parse(JSON.parse(raw.toString('utf8')));
    } catch (error) {
      // Signed by the holder of the secret, yet not a BTCPay event: refuse it like a forgery.
      throw new WebhookSignatureError('BTCPay webhook body is not a BTCPay event', { cause: error });
    }
    return { type: event.type, dedupeKey: dedupeKeyOf(event), payload: event };
  }

  handles(type: string): boolean {
    return handlesBtcpayEvent(type);
  }

  translate(webhook: VerifiedWebhook): Promise<PaymentEvent | null> {
    return translateBtcpayEvent(webhook.payload as WebhookEvent, this.lookups);
  }

  private readonly lookups: BtcpayLookups = {
    invoice: (id) => this.client.getInvoice(id),
    payments: async (id) => (await this.client.getInvoicePaymentMethods(id)).flatMap((method) => method.payments),
  };
}

/** `<BTCPay invoice>:<type>`, and `:<payment>` for the events that come once per payment. */
function dedupeKeyOf(event: WebhookEvent): string {
  const subject = event.invoiceId ?? event.deliveryId;
  const payment = PAYMENT_EVENT_TYPES.has(event.type) && event.payment ? `:${event.payment.id}` : '';
  return `${subject}:${event.type}${payment}`;
}
