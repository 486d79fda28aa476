import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { SigningIdentity } from './certificates.js';
import type { WebhookEvent } from './objects.js';

export interface WebhookSwitches {
  /** Send every event twice (two deliveries, same event id). */
  duplicateWebhooks: boolean;
  /** Send the events of one change in reverse order. */
  reorderWebhooks: boolean;
  /** Lose the first delivery attempt of every event (it is retried later, as after a timeout). */
  dropFirstWebhookDelivery: boolean;
  /** Keep events back until `release()`: for tests that choose the order themselves. */
  holdWebhooks: boolean;
}

export interface Delivery {
  eventId: string;
  type: string;
  attempt: number;
  outcome: number | 'dropped' | 'network-error';
  at: number;
}

export interface RetryPolicy { maxAttempts: number; baseDelayMs: number }

/** How PayPal signs one delivery; also what tests use to deliver events themselves. */
export interface WebhookSigner {
  readonly webhookId: string;
  readonly certUrl: string;
  readonly identity: SigningIdentity;
}

/**
 * The headers PayPal sends with a delivery: a fresh transmission id and time for each attempt, and
 * `PAYPAL-TRANSMISSION-SIG`, SHA256withRSA over `<transmission id>|<transmission time>|<webhook id>|
 * <CRC32 of the raw body, in decimal>` with the key of the certificate at `PAYPAL-CERT-URL`
 * (developer.paypal.com/api/rest/webhooks/rest/#link-selfverificationmethod).
 */
export function signDelivery(signer: WebhookSigner, rawBody: string, options: { transmissionTime?: Date; transmissionId?: string } = {}): Record<string, string> {
  const transmissionId = options.transmissionId ?? randomUUID();
  const transmissionTime = (options.transmissionTime ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signed = `${transmissionId}|${transmissionTime}|${signer.webhookId}|${crc32(Buffer.from(rawBody, 'utf8'))}`;
  return {
    'content-type': 'application/json',
    'paypal-transmission-id': transmissionId,
    'paypal-transmission-time': transmissionTime,
    'paypal-transmission-sig': signer.identity.sign(signed),
    'paypal-cert-url': signer.certUrl,
    'paypal-auth-algo': 'SHA256withRSA',
    'paypal-auth-version': 'v2',
    'user-agent': 'PayPal/AUHD-214.0-58842323',
  };
}

/**
 * Sends events to the webhook URL as PayPal does: JSON, signed afresh at each attempt, at least once,
 * retried with backoff on any non-2xx answer or network error (PayPal: up to 25 times over 3 days).
 */
export class WebhookSender {
  private url: string | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly held: WebhookEvent[] = [];
  private readonly log: Delivery[] = [];
  private stopped = false;

  constructor(private readonly signer: WebhookSigner, url: string | undefined, private readonly switches: WebhookSwitches, private readonly retry: RetryPolicy) {
    this.url = url;
  }

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  deliveries(): Delivery[] {
    return this.log.slice();
  }

  send(events: WebhookEvent[]): void {
    if (events.length === 0) return;
    if (this.switches.holdWebhooks) {
      this.held.push(...events);
      return;
    }
    this.dispatch(events);
  }

  release(order: 'as-happened' | 'reverse' | ((events: WebhookEvent[]) => WebhookEvent[]) = 'as-happened'): void {
    const events = this.held.splice(0);
    this.dispatch(order === 'reverse' ? events.reverse() : order === 'as-happened' ? events : order(events), false);
  }

  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
  }

  private dispatch(events: WebhookEvent[], mayReorder = true): void {
    const ordered = mayReorder && this.switches.reorderWebhooks ? events.slice().reverse() : events;
    const copies = this.switches.duplicateWebhooks ? 2 : 1;
    for (const event of ordered) {
      for (let i = 0; i < copies; i++) {
        const delivery = this.deliver(event);
        this.inFlight.add(delivery);
        void delivery.finally(() => this.inFlight.delete(delivery));
      }
    }
  }

  private async deliver(event: WebhookEvent): Promise<void> {
    const payload = JSON.stringify(event);
    for (let attempt = 1; attempt <= this.retry.maxAttempts && !this.stopped; attempt++) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, this.retry.baseDelayMs * 2 ** (attempt - 2)));
      const url = this.url;
      if (!url || this.stopped) return;
      if (attempt === 1 && this.switches.dropFirstWebhookDelivery) {
        this.record(event, attempt, 'dropped');
        continue;
      }
      try {
        const response = await fetch(url, { method: 'POST', headers: signDelivery(this.signer, payload), body: payload, signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        this.record(event, attempt, response.status);
        if (response.status >= 200 && response.status < 300) return;
      } catch {
        this.record(event, attempt, 'network-error');
      }
    }
  }

  private record(event: WebhookEvent, attempt: number, outcome: Delivery['outcome']): void {
    this.log.push({ eventId: event.id, type: event.event_type, attempt, outcome, at: Date.now() });
  }
}
