import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StripeWebhookSource } from '../../../functions/adapters/stripe/stripe-webhook-source.js';
import type { PaymentEvent } from '../../../functions/ports/payments/payment-events.js';
import { WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';
import { translateDelivery } from './stripe-target.js';

/**
 * A stand-in for `POST /webhooks/stripe` in these adapter tests: raw body → signature, allow-list, translation →
 * 400 for a bad signature, 200 otherwise. It keeps what it accepted, in arrival order.
 */
export interface WebhookReceiver {
  url: string;
  /** Neutral events accepted, in arrival order (null for event types we do not handle). */
  accepted: Array<PaymentEvent | null>;
  /** Answer 500 to the next N deliveries, as a billing system that is briefly down. */
  failNext: number;
  /** Resolves when `count` events have been accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(webhooks: StripeWebhookSource): Promise<WebhookReceiver> {
  const accepted: Array<PaymentEvent | null> = [];
  const receiver: WebhookReceiver = {
    url: '',
    accepted,
    failNext: 0,
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (accepted.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${accepted.length} of ${count} webhooks arrived`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    if (receiver.failNext > 0) {
      receiver.failNext--;
      res.writeHead(500).end();
      return;
    }
    try {
      const header = req.headers['stripe-signature'];
      accepted.push(await translateDelivery(webhooks, Buffer.concat(chunks), Array.isArray(header) ? header[0] : header));
      res.writeHead(200).end();
    } catch (error) {
      res.writeHead(error instanceof WebhookSignatureError ? 400 : 500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  return receiver;
}
