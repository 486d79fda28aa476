import { createHmac } from 'node:crypto';
import { newId } from './ids.js';
import type { InvoiceEvent } from './objects.js';

export interface WebhookSwitches {
  /** Keep events back until `release()`: for tests that deliver them in an order of their own. */
  holdWebhooks: boolean;
  /** Send every event twice (two deliveries, two delivery ids). */
  duplicateWebhooks: boolean;
  /** Send the events of one change in reverse order. */
  reorderWebhooks: boolean;
  /** Lose the first delivery of every event (it is retried, as a redelivery, after the first delay). */
  dropFirstWebhookDelivery: boolean;
}

/** One attempt to deliver an event, as BTCPay lists a webhook's deliveries. */
export interface Delivery {
  deliveryId: string;
  originalDeliveryId: string | null;
  type: string;
  invoiceId: string;
  /** HTTP status, or 'dropped' (lost on purpose), or 'network-error'. */
  outcome: number | 'dropped' | 'network-error';
  at: number;
}

/** The body of one delivery: the event with its delivery's ids in front, as BTCPay serializes it. */
export type DeliveryBody = Record<string, unknown> & { deliveryId: string; type: string; invoiceId: string };

/** `sha256=<hex HMAC-SHA256(secret, body)>`, BTCPay's `BTCPay-Sig` header (WebhookSender.cs). */
export function btcpaySignature(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * BTCPay's wait before each automatic redelivery of a failed delivery: 10 s, 1 min, then 10 min six
 * times (WebhookSender.Process). The sandbox keeps the shape at a scale tests can wait for.
 */
export const BTCPAY_RETRY_DELAYS_MS = [10_000, 60_000, 600_000, 600_000, 600_000, 600_000, 600_000, 600_000];

/**
 * Sends events the way BTCPay's WebhookSender does: a compact JSON body, `BTCPay-Sig` over its bytes,
 * at least once. A delivery answered with 5xx, 429 or 408, or not answered, is delivered again after
 * each delay, each time as a new delivery (a new `deliveryId`, with `originalDeliveryId` and
 * `isRedelivery: true`); any other answer (2xx, or a 4xx such as 400) ends it.
 */
export class WebhookSender {
  private url: string | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly held: InvoiceEvent[] = [];
  private readonly log: Delivery[] = [];
  /** Every delivery body sent or held, by delivery id, so a delivery can be redelivered. */
  private readonly bodies = new Map<string, DeliveryBody>();
  private stopped = false;

  constructor(
    readonly webhookId: string,
    private readonly secret: string,
    url: string | undefined,
    private readonly switches: WebhookSwitches,
    private readonly retryDelaysMs: readonly number[],
  ) {
    this.url = url;
  }

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  deliveries(): Delivery[] {
    return this.log.slice();
  }

  /** The first delivery body of every event held or sent, oldest first. */
  firstBodies(): DeliveryBody[] {
    return [...this.bodies.values()].filter((body) => body['originalDeliveryId'] === null);
  }

  /** Queues the events of one change. */
  send(events: InvoiceEvent[]): void {
    if (events.length === 0) return;
    if (this.switches.holdWebhooks) {
      this.held.push(...events);
      for (const event of events) this.body(event);
      return;
    }
    const ordered = this.switches.reorderWebhooks ? events.slice().reverse() : events;
    for (const event of ordered) {
      for (let copy = 0; copy < (this.switches.duplicateWebhooks ? 2 : 1); copy++) this.track(this.deliver(this.body(event)));
    }
  }

  /** Sends the held events, in the given order (default: as they happened). */
  release(order: 'as-happened' | 'reverse' = 'as-happened'): void {
    const events = this.held.splice(0);
    for (const event of order === 'reverse' ? events.reverse() : events) this.track(this.deliver(this.heldBody(event)));
  }

  /**
   * Delivers a past delivery again, as BTCPay's "Redeliver" does: a new delivery id, the first
   * delivery's id as `originalDeliveryId`, `isRedelivery: true`. Returns the new delivery id.
   */
  redeliver(deliveryId: string): string | undefined {
    const body = this.bodies.get(deliveryId);
    if (!body) return undefined;
    const again = this.again(body);
    this.track(this.deliver(again, false));
    return again.deliveryId;
  }

  /** Resolves when no delivery is pending or waiting for a redelivery. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
  }

  private readonly heldIds = new Map<InvoiceEvent, string>();

  private body(event: InvoiceEvent): DeliveryBody {
    const { type, timestamp, storeId, invoiceId, metadata, ...rest } = event;
    const body: DeliveryBody = {
      deliveryId: newId(16), webhookId: this.webhookId, originalDeliveryId: null, isRedelivery: false,
      type, timestamp, storeId, invoiceId, metadata, ...rest,
    };
    this.bodies.set(body.deliveryId, body);
    if (this.switches.holdWebhooks) this.heldIds.set(event, body.deliveryId);
    return body;
  }

  private heldBody(event: InvoiceEvent): DeliveryBody {
    const id = this.heldIds.get(event);
    this.heldIds.delete(event);
    return (id ? this.bodies.get(id) : undefined) ?? this.body(event);
  }

  private again(body: DeliveryBody): DeliveryBody {
    const again: DeliveryBody = {
      ...body, deliveryId: newId(16), originalDeliveryId: (body['originalDeliveryId'] as string | null) ?? body.deliveryId, isRedelivery: true,
    };
    this.bodies.set(again.deliveryId, again);
    return again;
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(first: DeliveryBody, mayDrop = true): Promise<void> {
    let body = first;
    for (let attempt = 0; !this.stopped; attempt++) {
      if (attempt > 0) {
        const delay = this.retryDelaysMs[attempt - 1];
        if (delay === undefined) return;
        await sleep(delay);
        if (this.stopped) return;
        body = this.again(body);
      }
      const url = this.url;
      if (!url) return;
      if (attempt === 0 && mayDrop && this.switches.dropFirstWebhookDelivery) {
        this.record(body, 'dropped');
        continue;
      }
      const payload = JSON.stringify(body);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'BTCPay-Sig': btcpaySignature(this.secret, payload), 'User-Agent': 'BTCPayServer' },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        this.record(body, response.status);
        if (!(response.status >= 500 || response.status === 429 || response.status === 408)) return;
      } catch {
        this.record(body, 'network-error');
      }
    }
  }

  private record(body: DeliveryBody, outcome: Delivery['outcome']): void {
    this.log.push({
      deliveryId: body.deliveryId, originalDeliveryId: (body['originalDeliveryId'] as string | null) ?? null,
      type: body.type, invoiceId: body.invoiceId, outcome, at: Date.now(),
    });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
