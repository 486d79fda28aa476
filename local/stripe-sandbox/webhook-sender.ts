import Stripe from 'stripe';
import type { Event } from './objects.js';

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
  /** HTTP status, or 'dropped' (lost on purpose), or 'network-error'. */
  outcome: number | 'dropped' | 'network-error';
  at: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
}

/**
 * Sends events to the webhook URL the way Stripe does: JSON body, `Stripe-Signature` signed over
 * `<t>.<raw body>` at each attempt, at least once, retried with exponential backoff on any non-2xx
 * answer or network error, up to `maxAttempts`.
 */
export class WebhookSender {
  private url: string | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly held: Event[] = [];
  private readonly log: Delivery[] = [];
  private stopped = false;

  constructor(
    private readonly secret: string,
    url: string | undefined,
    private readonly switches: WebhookSwitches,
    private readonly retry: RetryPolicy,
  ) {
    this.url = url;
  }

  setUrl(url: string | undefined): void {
    this.url = url;
  }

  deliveries(): Delivery[] {
    return this.log.slice();
  }

  /** Queues the events of one change. */
  send(events: Event[]): void {
    if (events.length === 0) return;
    if (this.switches.holdWebhooks) {
      this.held.push(...events);
      return;
    }
    this.dispatch(events);
  }

  /** Sends the held events, in the given order (default: as they happened). */
  release(order: 'as-happened' | 'reverse' | ((events: Event[]) => Event[]) = 'as-happened'): void {
    const events = this.held.splice(0);
    const ordered = order === 'reverse' ? events.reverse() : order === 'as-happened' ? events : order(events);
    this.dispatch(ordered, false);
  }

  /** Resolves when no delivery is pending or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
  }

  private dispatch(events: Event[], mayReorder = true): void {
    const ordered = mayReorder && this.switches.reorderWebhooks ? events.slice().reverse() : events;
    const copies = this.switches.duplicateWebhooks ? 2 : 1;
    for (const event of ordered) {
      for (let i = 0; i < copies; i++) this.track(this.deliver(event));
    }
  }

  private track(promise: Promise<void>): void {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise));
  }

  private async deliver(event: Event): Promise<void> {
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= this.retry.maxAttempts && !this.stopped; attempt++) {
      if (attempt > 1) await sleep(this.retry.baseDelayMs * 2 ** (attempt - 2));
      const url = this.url;
      if (!url || this.stopped) return;
      if (attempt === 1 && this.switches.dropFirstWebhookDelivery) {
        this.record(event, attempt, 'dropped');
        continue;
      }
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret, timestamp: Math.floor(Date.now() / 1000) });
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': header, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
          body: payload,
          signal: AbortSignal.timeout(10_000),
        });
        await response.arrayBuffer();
        this.record(event, attempt, response.status);
        if (response.status >= 200 && response.status < 300) return;
      } catch {
        this.record(event, attempt, 'network-error');
      }
    }
  }

  private record(event: Event, attempt: number, outcome: Delivery['outcome']): void {
    this.log.push({ eventId: event.id, type: event.type, attempt, outcome, at: Date.now() });
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
