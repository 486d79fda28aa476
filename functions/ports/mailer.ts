/**
 * Sends one email. The adapter (SES) knows the sender, the reply-to address and the configuration
 * set; a use case gives only what differs per message.
 */
export interface Mailer {
  /**
   * Hands one message to the mail service and answers the id it gave it (SES's `MessageId`, which
   * its bounce, complaint and delivery notifications carry as `mail.messageId`).
   * @throws MailerRefusal when the service will not send to this address (retrying will not help)
   * @throws MailerFault for a passing fault (network, throttling, 5xx): nothing was sent; try again
   * @throws UnsafeHeaderError when the subject, the address or a file name holds a line break
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

export interface OutgoingEmail {
  /** One recipient. */
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  /** The plain-text part, sent beside the HTML (multipart/alternative). */
  readonly text: string;
  readonly attachments?: readonly MailAttachment[];
  /**
   * What the message is about, carried by the mail service into its notifications (SES message tags,
   * published with a configuration set's events), so a bounce can be traced to the email that caused it.
   */
  readonly tags: { readonly kind: string; readonly invoiceId?: string };
}

export interface MailAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Uint8Array;
}

/** A passing fault at the mail service: nothing was sent; the same message may be tried again. */
export class MailerFault extends Error {
  override readonly name = 'MailerFault';
}

/**
 * The mail service refused this message for good: an address it will not send to (invalid, or one
 * the account may not send to), or a message it will not take. `reason` is the service's own words,
 * for staff.
 */
export class MailerRefusal extends Error {
  override readonly name = 'MailerRefusal';
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(`The mail service refused the message: ${reason}`, options);
  }
}

/** A header value (subject, address, display name, file name) that holds a CR or LF: a header injection. */
export class UnsafeHeaderError extends Error {
  override readonly name = 'UnsafeHeaderError';
  constructor(readonly header: string) {
    super(`The ${header} of an email may not contain a line break`);
  }
}
