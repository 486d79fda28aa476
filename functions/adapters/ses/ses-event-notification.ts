import * as z from 'zod';
import type { EmailFeedback } from '../../ports/customer-repository.js';

/**
 * The parts we read of an email sending event that SES publishes to SNS for a configuration set's
 * event destination (SES Developer Guide, "Contents of event data that Amazon SES publishes to Amazon
 * SNS"): `eventType` (or `notificationType` for an identity's feedback notifications, which carry the
 * same objects), the `mail` object, and `bounce`, `complaint` or `delivery`. Other event types (Send,
 * Reject, Open, Click, DeliveryDelay, …) are read as `other` and ignored.
 */
const mail = z.object({
  messageId: z.string(),
  timestamp: z.string(),
  destination: z.array(z.string()).default([]),
  /** Configuration-set events only: the message tags, each a list of values. */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});

const event = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail,
  bounce: z.object({
    bounceType: z.string(),
    bounceSubType: z.string().optional(),
    bouncedRecipients: z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional(), status: z.string().optional() })),
    timestamp: z.string(),
  }).optional(),
  complaint: z.object({
    complainedRecipients: z.array(z.object({ emailAddress: z.string() })),
    timestamp: z.string(),
    complaintFeedbackType: z.string().optional(),
    complaintSubType: z.string().nullable().optional(),
  }).optional(),
  delivery: z.object({ timestamp: z.string(), recipients: z.array(z.string()) }).optional(),
});

export type SesEventNotification = z.infer<typeof event>;

/** What one notification says about each recipient, in the neutral terms the customers take. */
export interface TranslatedNotification {
  readonly messageId: string;
  /** The email's kind and invoice, from its message tags (configuration-set events only). */
  readonly tags: Readonly<Record<string, string>>;
  readonly feedback: readonly EmailFeedback[];
}

/**
 * Reads one SNS message body. A permanent bounce marks each bounced recipient (with the receiving
 * server's diagnostic, or SES's bounce type when there is none); a transient or undetermined bounce
 * (a full mailbox, a server down) marks no one: SES keeps trying, and the next email may arrive.
 * A complaint marks each complaining recipient; a delivery clears an older bounce.
 * @throws z.ZodError when the body is not an SES event notification
 */
export function translateSesNotification(body: string): TranslatedNotification {
  const parsed = event.parse(JSON.parse(body));
  const type = parsed.eventType ?? parsed.notificationType;
  const tags = Object.fromEntries(Object.entries(parsed.mail.tags ?? {}).flatMap(([k, v]) => (v[0] ? [[k, v[0]]] : [])));
  const base = { messageId: parsed.mail.messageId, tags };
  const address = (value: string) => value.trim().toLowerCase();
  if (type === 'Bounce' && parsed.bounce) {
    const { bounce } = parsed;
    if (bounce.bounceType !== 'Permanent') return { ...base, feedback: [] };
    return {
      ...base,
      feedback: bounce.bouncedRecipients.map((r) => ({
        kind: 'bounce', address: address(r.emailAddress), at: bounce.timestamp,
        diagnostic: r.diagnosticCode ?? `${bounce.bounceType} bounce (${bounce.bounceSubType ?? 'General'})`,
      })),
    };
  }
  if (type === 'Complaint' && parsed.complaint) {
    const { complaint } = parsed;
    return {
      ...base,
      feedback: complaint.complainedRecipients.map((r) => ({
        kind: 'complaint', address: address(r.emailAddress), at: complaint.timestamp,
        diagnostic: `Marked as spam${complaint.complaintFeedbackType ? ` (${complaint.complaintFeedbackType})` : ''}`,
      })),
    };
  }
  if (type === 'Delivery' && parsed.delivery) {
    const { delivery } = parsed;
    return { ...base, feedback: delivery.recipients.map((r) => ({ kind: 'delivery', address: address(r), at: delivery.timestamp })) };
  }
  return { ...base, feedback: [] };
}
