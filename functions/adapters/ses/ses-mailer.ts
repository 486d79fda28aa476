import { MessageRejected, type SESClient, SendEmailCommand, SendRawEmailCommand, type MessageTag } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import { type Mailer, MailerFault, MailerRefusal, type OutgoingEmail, UnsafeHeaderError } from '../../ports/mailer.js';

/** Who the mail is from, and where replies go. */
export interface SenderSettings {
  /** An SES-verified address (or one at a verified domain). */
  readonly address: string;
  /** The display name ("Example Hosting Ltd"); any characters. */
  readonly name: string;
  /** Where a customer's reply goes: the seller's billing contact. */
  readonly replyTo?: string;
  /** The SES configuration set whose event destination publishes bounces, complaints and deliveries. */
  readonly configurationSet?: string;
}

const LINE_BREAK = /[\r\n]/;
/** One plain address, nothing a header could read as a second one or a display name. */
const SINGLE_ADDRESS = /^[^\s@<>,;:"()\\[\]]+@[^\s@<>,;:"()\\[\]]+\.[^\s@<>,;:"()\\[\]]+$/;
/** SES message tag values: ASCII letters, digits, `_` and `-`, at most 256 characters. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

/**
 * The From header's value. A display name of letters, digits and spaces goes as it is; any other
 * (non-ASCII, commas, quotes, other specials) as RFC 2047 encoded-words (UTF-8, base64, split so that
 * no word passes 75 characters), which every mail client decodes back to the name.
 */
export function fromHeader(sender: Pick<SenderSettings, 'address' | 'name'>): string {
  const name = sender.name.trim();
  if (!name) return sender.address;
  const display = /^[A-Za-z0-9 ]+$/.test(name) ? name : encodeWord(name, 'B', 52);
  return `${display} <${sender.address}>`;
}

/**
 * A Mailer on SES's v1 API (`@aws-sdk/client-ses`): `SendEmail` with the HTML and text bodies when
 * there is nothing attached, `SendRawEmail` with a MIME message built by nodemailer's MailComposer
 * when there is. Both carry the configuration set and the message tags, so SES's bounce, complaint and
 * delivery events name the email's kind and invoice.
 *
 * Header safety: a CR or LF in the subject, the recipient, the sender's name or an attachment's file
 * name is refused before anything is sent (UnsafeHeaderError); the recipient must be one plain
 * address. MailComposer encodes the subject and file names (RFC 2047 / RFC 2231); in the raw message
 * the From name is written as MailComposer writes it (encoded-words when non-ASCII, an RFC 5322
 * quoted-string when ASCII with commas or quotes); `SendEmail`'s Source uses `fromHeader`.
 *
 * Errors: SES's `MessageRejected` (an address or message SES will not send) is a MailerRefusal; an
 * invalid recipient too, before SES is asked. Everything else (network, throttling after the SDK's
 * retries, 5xx, an account or configuration-set problem an operator must fix) is a MailerFault, so
 * the message is tried again later rather than dropped.
 */
export class SesMailer implements Mailer {
  constructor(private readonly client: SESClient, private readonly sender: SenderSettings) {
    if (LINE_BREAK.test(sender.name)) throw new UnsafeHeaderError('sender name');
    if (!SINGLE_ADDRESS.test(sender.address)) throw new Error(`Not a sender address: ${sender.address}`);
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    checkHeaders(email);
    if (!SINGLE_ADDRESS.test(email.to)) throw new MailerRefusal(`not a valid email address: ${email.to}`);
    const tags: MessageTag[] = [
      { Name: 'kind', Value: tagValue(email.tags.kind) },
      ...(email.tags.invoiceId ? [{ Name: 'invoiceId', Value: tagValue(email.tags.invoiceId) }] : []),
    ];
    const common = {
      Tags: tags,
      ...(this.sender.configurationSet ? { ConfigurationSetName: this.sender.configurationSet } : {}),
    };
    try {
      const answer = email.attachments?.length
        ? await this.client.send(new SendRawEmailCommand({
          ...common,
          Source: this.sender.address,
          Destinations: [email.to],
          RawMessage: { Data: await this.mime(email) },
        }))
        : await this.client.send(new SendEmailCommand({
          ...common,
          Source: fromHeader(this.sender),
          Destination: { ToAddresses: [email.to] },
          ...(this.sender.replyTo ? { ReplyToAddresses: [this.sender.replyTo] } : {}),
          Message: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
          },
        }));
      if (!answer.MessageId) throw new MailerFault('SES answered without a MessageId');
      return { messageId: answer.MessageId };
    } catch (error) {
      if (error instanceof MailerFault) throw error;
      if (error instanceof MessageRejected) throw new MailerRefusal(error.message, { cause: error });
      throw new MailerFault(`SES did not take the message: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  /** The whole message as MIME: multipart/mixed of (text | html) and the attachments, UTF-8. */
  private async mime(email: OutgoingEmail): Promise<Uint8Array> {
    const composer = new MailComposer({
      from: { name: this.sender.name, address: this.sender.address },
      to: email.to,
      ...(this.sender.replyTo ? { replyTo: this.sender.replyTo } : {}),
      subject: email.subject,
      text: email.text,
      html: email.html,
      textEncoding: 'quoted-printable',
      attachments: (email.attachments ?? []).map((a) => ({
        filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.content),
      })),
    });
    return composer.compile().build();
  }
}

function checkHeaders(email: OutgoingEmail): void {
  if (LINE_BREAK.test(email.to)) throw new UnsafeHeaderError('recipient');
  if (LINE_BREAK.test(email.subject)) throw new UnsafeHeaderError('subject');
  for (const attachment of email.attachments ?? []) {
    if (LINE_BREAK.test(attachment.fileName)) throw new UnsafeHeaderError('attachment file name');
    if (LINE_BREAK.test(attachment.contentType)) throw new UnsafeHeaderError('attachment content type');
  }
}
