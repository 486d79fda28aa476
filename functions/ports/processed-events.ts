/**
 * Provider events (webhooks) already applied, kept for good: providers redeliver for days, far past any
 * cache. Applying an event is idempotent on its own; this log lets a redelivery stop early.
 */
export interface ProcessedEvents {
  seen(provider: string, eventId: string): Promise<boolean>;
  markProcessed(provider: string, eventId: string, type: string, at: Date): Promise<void>;
}
