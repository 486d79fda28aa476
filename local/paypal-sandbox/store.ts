import type { Plan, Product, Sale, Subscription } from './billing-objects.js';
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

/** What a subscription was created with, and how its billing runs, beside the object itself. */
export interface SubscriptionRecord {
  subscription: Subscription;
  /** The approval page's token (`ba_token`), PayPal's `BA-…`. */
  baToken: string;
  returnUrl: string;
  cancelUrl: string;
  brandName?: string;
  /** When the first cycle was due (ms), set on approval: every later cycle is counted from it, on the calendar. */
  anchor?: number;
  /** The index of the next cycle to bill (0: the first), paid or failed. */
  nextCycle: number;
  /** When a plan with a fixed number of cycles ends (ms), once the last one is billed. */
  endsAt?: number;
  /** The next n renewal payments fail (the buyer's funding is refused). */
  failNextRenewals: number;
}

/** One subscription payment, for the tests' "charges per subscription". */
export interface SaleRecord {
  saleId: string;
  subscriptionId: string;
  customId?: string;
  amount: string;
  currency: string;
  /** The billing time the payment was for (ms). */
  at: number;
}

export interface StoreSnapshot {
  orders: Array<[string, Order]>;
  settings: Array<[string, OrderSettings]>;
  captures: Array<[string, { capture: Capture; orderId: string }]>;
  refunds: Array<[string, { refund: Refund; captureId: string }]>;
  events: WebhookEvent[];
  captureLog: CaptureRecord[];
  products?: Array<[string, Product]>;
  plans?: Array<[string, Plan]>;
  subscriptions?: Array<[string, SubscriptionRecord]>;
  sales?: Array<[string, Sale]>;
  saleLog?: SaleRecord[];
}

const RESOURCE_TYPES: Readonly<Record<string, WebhookEvent['resource_type']>> = {
  'CHECKOUT.ORDER': 'checkout-order', 'PAYMENT.CAPTURE': 'capture', 'BILLING.SUBSCRIPTION': 'subscription', 'PAYMENT.SALE': 'sale',
};

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
  readonly products = new Map<string, Product>();
  readonly plans = new Map<string, Plan>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();
  readonly sales = new Map<string, Sale>();
  readonly saleLog: SaleRecord[] = [];
  private pending: WebhookEvent[] = [];

  /**
   * `apiBase`: the origin the API's links point at; `pageBase`: the origin of the approval page.
   * `clock` answers milliseconds (a test may move it).
   */
  constructor(readonly urls: { apiBase: string; pageBase: string }, private readonly clock: () => number = Date.now) {}

  /** PayPal's timestamps: ISO 8601 in UTC, to the second. */
  isoNow(): string {
    return isoTime(this.clock());
  }

  now(): number {
    return this.clock();
  }

  order(id: string): Order | undefined {
    return this.orders.get(id);
  }

  /**
   * Records an event PayPal would send about `resource` (a copy, as it is now). `at`: when it happened
   * (ms), for renewals charged late because the clock jumped; the clock's now otherwise.
   */
  emit(type: EventType, resource: WebhookEvent['resource'], summary: string, at?: number): void {
    const family = type.split('.').slice(0, 2).join('.');
    const resourceType = type.endsWith('REFUNDED') || type.endsWith('REVERSED') ? 'refund' : RESOURCE_TYPES[family] ?? 'capture';
    const id = eventId();
    const event: WebhookEvent = {
      id,
      event_version: '1.0',
      create_time: isoTime(at ?? this.clock()),
      resource_type: resourceType,
      // Sale events carry a Payments v1 resource, and PayPal sends them without a resource_version.
      ...(resourceType === 'sale' ? {} : { resource_version: '2.0' as const }),
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
      products: [...this.products], plans: [...this.plans], subscriptions: [...this.subscriptions], sales: [...this.sales], saleLog: this.saleLog,
    };
  }

  restore(snapshot: StoreSnapshot): void {
    for (const [id, value] of snapshot.orders) this.orders.set(id, value);
    for (const [id, value] of snapshot.settings) this.settings.set(id, value);
    for (const [id, value] of snapshot.captures) this.captures.set(id, value);
    for (const [id, value] of snapshot.refunds) this.refunds.set(id, value);
    this.events.push(...snapshot.events);
    this.captureLog.push(...snapshot.captureLog);
    // Kept by a sandbox from before subscriptions existed: none of these.
    for (const [id, value] of snapshot.products ?? []) this.products.set(id, value);
    for (const [id, value] of snapshot.plans ?? []) this.plans.set(id, value);
    for (const [id, value] of snapshot.subscriptions ?? []) this.subscriptions.set(id, value);
    for (const [id, value] of snapshot.sales ?? []) this.sales.set(id, value);
    this.saleLog.push(...(snapshot.saleLog ?? []));
  }
}

/** PayPal's timestamps: ISO 8601 in UTC, to the second. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
