import type { EmailClaim, EmailOutcome, SentEmails } from '../../../functions/ports/sent-emails.js';

/** Sent-email claims in a map, with the DynamoDB adapter's contract (a 2-minute lease). */
export class InMemorySentEmails implements SentEmails {
  readonly records = new Map<string, { status: 'in_progress'; leaseUntil: number; holder?: string } | { status: 'done'; outcome: EmailOutcome }>();

  async claim(dedupeKey: string, now: Date, holder?: string): Promise<EmailClaim> {
    const kept = this.records.get(dedupeKey);
    if (kept?.status === 'done') return 'done';
    if (kept && kept.leaseUntil >= now.getTime() && !(holder && kept.holder === holder)) return 'in_progress';
    this.records.set(dedupeKey, { status: 'in_progress', leaseUntil: now.getTime() + 2 * 60_000, ...(holder ? { holder } : {}) });
    return 'claimed';
  }

  async complete(dedupeKey: string, outcome: EmailOutcome): Promise<void> {
    this.records.set(dedupeKey, { status: 'done', outcome });
  }

  async release(dedupeKey: string): Promise<void> {
    if (this.records.get(dedupeKey)?.status === 'in_progress') this.records.delete(dedupeKey);
  }
}
