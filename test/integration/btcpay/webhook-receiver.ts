import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BtcpayWebhookSource } from '../../../functions/adapters/btcpay/btcpay-webhook-source.js';
import type { PaymentEvent } from '../../../functions/ports/payments/payment-events.js';
import { WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';

/** What the receiver saw of one delivery: the body's ids and type, and what it became. */
export interface Received {
  deliveryId: string;
  originalDeliveryId: string | null;
  isRedelivery: boolean;
  type: string;
  dedupeKey: string;
  /** The neutral event, or null for an event type outside the allow-list or one that needs nothing. */
  event: PaymentEvent | null;
}

/**
 * A stand-in for `POST /webhooks/btcpay` in these adapter tests: raw body → signature, allow-list,
 * translation → 400 for a bad signature, 200 otherwise. Keeps what it accepted, in arrival order.
 */
export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Answer this status to the next N deliveries (500: a billing system briefly down). */
  failNext: { count: number; status: number };
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(webhooks: BtcpayWebhookSource): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    failNext: { count: 0, status: 500 },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} webhooks arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    if (receiver.failNext.count > 0) {
      receiver.failNext.count--;
      res.writeHead(receiver.failNext.status).end();
      return;
    }
    try {
      const header = req.headers['btcpay-sig'];
      const verified = await webhooks.verify({ rawBody: Buffer.concat(chunks), headers: { 'btcpay-sig': Array.isArray(header) ? header[0] : header } });
      const body = verified.payload as { deliveryId: string; originalDeliveryId?: string | null; isRedelivery?: boolean };
      received.push({
        deliveryId: body.deliveryId, originalDeliveryId: body.originalDeliveryId ?? null, isRedelivery: body.isRedelivery ?? false,
        type: verified.type, dedupeKey: verified.dedupeKey,
        event: webhooks.handles(verified.type) ? await webhooks.translate(verified) : null,
      });
      res.writeHead(200).end();
    } catch (error) {
      res.writeHead(error instanceof WebhookSignatureError ? 400 : 500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/btcpay`;
  return receiver;
}
