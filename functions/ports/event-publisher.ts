/**
 * The changes a provider's own automation may act on (its hosting control panel suspending a site),
 * published on the stack's event bus (DESIGN.md "Services and events"; the schema of each type's
 * `detail` is in functions/use-cases/steps/billing-events.ts). Details carry ids, amounts and dates;
 * never card data, nor personal details beyond the customer's id.
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
 * Puts an event on the bus. At least once: the caller (publishEventOnce) makes it once per key.
 * @throws on a passing fault or an entry the bus refused, so that the outbox delivers the effect again
 */
export interface EventPublisher {
  publish(event: BillingEvent): Promise<void>;
}

/** An event as published, for the staff page of events. */
export interface PublishedEvent extends BillingEvent {
  readonly publishedAt: string;
}

/**
 * The record of events published, each claimed once by its dedupe key before it is published (as
 * SentEmails claims emails): `claimed`, or someone else has it `in_progress` or `done`.
 */
export interface PublishedEvents {
  claim(event: BillingEvent, now: Date): Promise<'claimed' | 'in_progress' | 'done'>;
  complete(dedupeKey: string, now: Date): Promise<void>;
  /** Gives a claim back after a fault, so that the next delivery publishes. */
  release(dedupeKey: string): Promise<void>;
  /** Newest first. */
  list(limit: number): Promise<PublishedEvent[]>;
}
