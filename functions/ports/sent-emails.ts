/**
 * The record of emails sent, one per dedupe key (`<invoiceId>#<kind>#<attempt or payment>`), claimed
 * before the email is sent, with one conditional put, as webhook events are (WebhookClaims):
 *
 * - `claimed`: this caller sends it, then `complete`s the record (or `release`s it after a fault);
 * - `done`: sent (or deliberately not sent) before: do nothing;
 * - `in_progress`: another caller holds the key now; if it dies, its lease runs out and a later call
 *   claims the key again.
 *
 * `holder` names the work the claim is for (the outbox item). The same work delivered again takes its
 * own claim over at once: a stream delivers a record again only after the invocation that had it
 * ended, so the holder is dead, and waiting out its lease would spend the stream's retries (which
 * Lambda makes at once) and lose the email.
 */
export type EmailClaim = 'claimed' | 'done' | 'in_progress';

/** What became of an email, kept on its record for staff. */
export type EmailOutcome =
  | { readonly status: 'sent'; readonly messageId: string; readonly to: string }
  /** Not sent, on purpose: the customer's address bounces, or the invoice no longer needs it. */
  | { readonly status: 'skipped'; readonly reason: string }
  /** The mail service refused the address or the message; retrying would not help. */
  | { readonly status: 'refused'; readonly reason: string };

export interface SentEmails {
  claim(dedupeKey: string, now: Date, holder?: string): Promise<EmailClaim>;
  complete(dedupeKey: string, outcome: EmailOutcome, now: Date): Promise<void>;
  /** Gives a claimed key back after a passing fault, so the next try sends at once. */
  release(dedupeKey: string): Promise<void>;
}
