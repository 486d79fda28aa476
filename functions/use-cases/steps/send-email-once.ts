import type { Clock } from '../../ports/clock.js';
import { type Mailer, MailerRefusal, type OutgoingEmail } from '../../ports/mailer.js';
import type { SentEmails } from '../../ports/sent-emails.js';

/** How sending one email ended. */
export type SendEmailResult =
  | { readonly status: 'sent'; readonly messageId: string }
  /** Sent (or deliberately not sent) by an earlier call with the same dedupe key: nothing done. */
  | { readonly status: 'already_done' }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'refused'; readonly reason: string };

/**
 * Another call is sending this email right now. Try again later (fail the stream or queue record):
 * if that call dies, its claim's lease (2 minutes) runs out and the retry sends the email.
 */
export class EmailSendInProgressError extends Error {
  override readonly name = 'EmailSendInProgressError';
  constructor(readonly dedupeKey: string) {
    super(`The email ${dedupeKey} is being sent by another call`);
  }
}

/**
 * Sends the email `prepare` builds at most once per `key`, for every kind of email we send:
 *
 *  1. claim the key (done before: nothing; held by another call: EmailSendInProgressError);
 *  2. `prepare` it, or learn why it is skipped (recorded, so it is not tried again);
 *  3. send it, and complete the claim with the message id, or with SES's reason for refusing it;
 *  4. any other error releases the claim and is rethrown, so a retry sends it.
 *
 * At most once, except in one window: a process that dies after SES accepted the message and before
 * the claim is completed leaves the claim in progress; once its lease runs out, a retry sends it again.
 * @throws EmailSendInProgressError; whatever `prepare` or the mailer throws
 */
export async function sendEmailOnce(
  deps: { readonly sentEmails: SentEmails; readonly mailer: Mailer; readonly clock: Clock },
  key: string,
  holder: string | undefined,
  prepare: () => Promise<OutgoingEmail | { readonly skip: string }>,
): Promise<SendEmailResult> {
  const claim = await deps.sentEmails.claim(key, deps.clock.now(), holder);
  if (claim === 'done') return { status: 'already_done' };
  if (claim === 'in_progress') throw new EmailSendInProgressError(key);
  try {
    const email = await prepare();
    if ('skip' in email) {
      await deps.sentEmails.complete(key, { status: 'skipped', reason: email.skip }, deps.clock.now());
      return { status: 'skipped', reason: email.skip };
    }
    try {
      const { messageId } = await deps.mailer.send(email);
      await deps.sentEmails.complete(key, { status: 'sent', messageId, to: email.to }, deps.clock.now());
      return { status: 'sent', messageId };
    } catch (error) {
      if (!(error instanceof MailerRefusal)) throw error;
      await deps.sentEmails.complete(key, { status: 'refused', reason: error.reason }, deps.clock.now());
      return { status: 'refused', reason: error.reason };
    }
  } catch (error) {
    await deps.sentEmails.release(key);
    throw error;
  }
}
