import { eventId } from './ids.js';
import type { Capture, EventType, Order, Refund, WebhookEvent } from './objects.js';

/** What the buyer chose on the approval page: how the capture of this order will go. */
export type CaptureBehavior = 'complete' | 'pending' | 'deny';

/** What an order was created with that is not on the order object itself. */
export interface OrderSettings {
  returnUrl?: string;
  cancelUrl?: string;
  brandName?: string;
  /** Set on approval. */
  behavior?: CaptureBehavior;
}

/** One capture that took (or will take, if pending) money, for the tests' "captures per invoice". */
export interface CaptureRecord {
  captureId: string;
  orderId: string;
  /** The purchase unit's `reference_id` (the adapter puts our invoice id there). */
  referenceId: string;
  amount: string;
  currency: string;
  at: number;
}

export interface StoreSnapshot {
  orders: Array<[string, Order]>;
  settings: Array<[string, OrderSettings]>;
  captures: Array<[string, { capture: Capture; orderId: string }]>;
  refunds: Array<[string, { refund: Refund; captureId: string }]>;
  events: WebhookEvent[];
  captureLog: CaptureRecord[];
}

/**
 * The sandbox's state. Every change PayPal would announce appends a webhook event to `pending`,
 * which the caller hands to the sender once the change is complete.
 */
export class PayPalStore {
  readonly orders = new Map<string, Order>();
  readonly settings = new Map<string, OrderSettings>();
  readonly captures = new Map<string, { capture: Capture; orderId: string }>();
  readonly refunds = new Map<string, { refund: Refund; captureId: string }>();
  readonly events: WebhookEvent[] = [];
  readonly captureLog: CaptureRecord[] = [];
  private pending: WebhookEvent[] = [];

  /**
   * `apiBase`: the origin the API's links point at; `pageBase`: the origin of the approval page.
   * `clock` answers milliseconds (a test may move it).
   */
  constructor(readonly urls: { apiBase: string; pageBase: string }, private readonly clock: () => number = Date.now) {}

  /** PayPal's timestamps: ISO 8601 in UTC, to the second. */
  isoNow(): string {
    return new Date(this.clock()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  now(): number {
    return this.clock();
  }

  order(id: string): Order | undefined {
    return this.orders.get(id);
  }

  emit(type: EventType, resource: Order | Capture | Refund, summary: string): void {
    const resourceType = type === 'CHECKOUT.ORDER.APPROVED' ? 'checkout-order' : type.endsWith('REFUNDED') || type.endsWith('REVERSED') ? 'refund' : 'capture';
    const id = eventId();
    const event: WebhookEvent = {
      id,
      event_version: '1.0',
      create_time: this.isoNow(),
      resource_type: resourceType,
      resource_version: '2.0',
      event_type: type,
      summary,
      resource: structuredClone(resource),
      links: [
        { href: `${this.urls.apiBase}/v1/notifications/webhooks-events/${id}`, rel: 'self', method: 'GET' },
        { href: `${this.urls.apiBase}/v1/notifications/webhooks-events/${id}/resend`, rel: 'resend', method: 'POST' },
      ],
    };
    this.events.push(event);
    this.pending.push(event);
  }

  /** Events recorded since the last call. */
  takePending(): WebhookEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  snapshot(): StoreSnapshot {
    return {
      orders: [...this.orders], settings: [...this.settings], captures: [...this.captures], refunds: [...this.refunds],
      events: this.events, captureLog: this.captureLog,
    };
  }

  restore(snapshot: StoreSnapshot): void {
    for (const [id, value] of snapshot.orders) this.orders.set(id, value);
    for (const [id, value] of snapshot.settings) this.settings.set(id, value);
    for (const [id, value] of snapshot.captures) this.captures.set(id, value);
    for (const [id, value] of snapshot.refunds) this.refunds.set(id, value);
    this.events.push(...snapshot.events);
    this.captureLog.push(...snapshot.captureLog);
  }
}
