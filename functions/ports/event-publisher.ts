/**
 * The changes a provider's own automation may act on (its hosting control panel suspending a site),
 * published on the stack's event bus (DESIGN.md "Services and events"). The schema of each `detail`
 * is documented in docs of the bus: ids, the customer, and the dates that matter; never amounts of
 * card data or personal details beyond the customer id.
 */
export const BILLING_EVENT_TYPES = ['invoice.paid', 'invoice.overdue', 'service.suspended', 'service.unsuspended'] as const;
export type BillingEventType = (typeof BILLING_EVENT_TYPES)[number];

export interface BillingEvent {
  readonly type: BillingEventType;
  /** One event per key, however often its cause is seen: `<type>#<what>#<which time>`. */
  readonly dedupeKey: string;
  /** When the change happened (ISO 8601, UTC). */
  readonly occurredAt: string;
  readonly detail: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Publishes an event once per `dedupeKey`: a second call with the same key (the outbox item
 * delivered again) publishes nothing.
 * @throws on a passing fault, so that the outbox delivers the effect again
 */
export interface EventPublisher {
  publish(event: BillingEvent): Promise<void>;
}

/** An event as published, for the local staff page (in AWS the bus's own tools show them). */
export interface PublishedEvent extends BillingEvent {
  readonly publishedAt: string;
}

/** The events published so far, newest first (only the local bus keeps them). */
export interface PublishedEvents {
  list(limit: number): Promise<PublishedEvent[]>;
}
