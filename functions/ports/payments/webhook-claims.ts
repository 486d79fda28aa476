/**
 * The permanent record of provider events: each is claimed once, before anything else is done for it
 * (Powertools' idempotency pattern in one conditional put), and kept without expiry, since providers
 * redeliver for days (Stripe 3 days, PayPal 25 tries over 3 days), far past any cache.
 *
 * - `claimed`: this delivery owns the event; apply it, then `complete` (or `release` on a fault).
 * - `done`: applied before; answer 2xx and do nothing else.
 * - `in_progress`: another delivery holds it right now; answer non-2xx so the provider tries later (if
 *   that one dies, its lease runs out and a later delivery claims the event again).
 */
export type ClaimResult = 'claimed' | 'done' | 'in_progress';

/** What became of an event, kept on its record for staff. */
export interface EventResolution {
  readonly outcome: 'applied' | 'ignored' | 'refused';
  /** Why an event was refused or ignored, in a sentence for staff. */
  readonly reason?: string;
  readonly eventType: string;
}

export interface WebhookClaims {
  claim(provider: string, dedupeKey: string, now: Date): Promise<ClaimResult>;
  complete(provider: string, dedupeKey: string, resolution: EventResolution, now: Date): Promise<void>;
  /** Gives a claimed event back after a fault, so the provider's next delivery applies it. */
  release(provider: string, dedupeKey: string): Promise<void>;
}
