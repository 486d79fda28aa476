import { describe, expect, it } from 'vitest';
import { translateSesNotification } from '../../../functions/adapters/ses/ses-event-notification.js';

/** The `mail` object of SES's published events (SES Developer Guide, event publishing to SNS). */
const mail = {
  timestamp: '2026-03-01T10:00:00.000Z', source: 'Example Hosting Ltd <billing@example-hosting.test>', sendingAccountId: '123456789012',
  messageId: '0100018e-aaaa', destination: ['Ann@Example.test'], headersTruncated: false,
  tags: { kind: ['invoice_issued'], invoiceId: ['inv_1'], 'ses:configuration-set': ['billing'] },
};
const bounce = (bounceType: string) => JSON.stringify({
  eventType: 'Bounce', mail,
  bounce: {
    bounceType, bounceSubType: 'General', timestamp: '2026-03-01T10:00:05.000Z', feedbackId: 'f-1', reportingMTA: 'dsn; mta.example.test',
    bouncedRecipients: [{ emailAddress: 'Ann@Example.test', action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }],
  },
});

describe('SES event notifications, as published to SNS', () => {
  it('reads a permanent bounce as a bounce of each recipient, lower-cased, with the server’s diagnostic and the email’s tags', () => {
    expect(translateSesNotification(bounce('Permanent'))).toEqual({
      messageId: '0100018e-aaaa',
      tags: { kind: 'invoice_issued', invoiceId: 'inv_1', 'ses:configuration-set': 'billing' },
      feedback: [{ kind: 'bounce', address: 'ann@example.test', at: '2026-03-01T10:00:05.000Z', diagnostic: 'smtp; 550 5.1.1 user unknown' }],
    });
  });

  it('marks no one for a transient or undetermined bounce (SES keeps trying; the next email may arrive)', () => {
    expect(translateSesNotification(bounce('Transient')).feedback).toEqual([]);
    expect(translateSesNotification(bounce('Undetermined')).feedback).toEqual([]);
  });

  it('reads complaints and deliveries, and an identity’s feedback notification (notificationType) alike', () => {
    const complaint = translateSesNotification(JSON.stringify({
      notificationType: 'Complaint', mail,
      complaint: { complainedRecipients: [{ emailAddress: 'ann@example.test' }], timestamp: '2026-03-01T11:00:00.000Z', feedbackId: 'f-2', complaintFeedbackType: 'abuse' },
    }));
    expect(complaint.feedback).toEqual([{ kind: 'complaint', address: 'ann@example.test', at: '2026-03-01T11:00:00.000Z', diagnostic: 'Marked as spam (abuse)' }]);
    const delivery = translateSesNotification(JSON.stringify({
      eventType: 'Delivery', mail,
      delivery: { timestamp: '2026-03-01T10:00:01.000Z', processingTimeMillis: 900, recipients: ['ann@example.test'], smtpResponse: '250 ok', reportingMTA: 'a8-70.smtp-out.amazonses.com' },
    }));
    expect(delivery.feedback).toEqual([{ kind: 'delivery', address: 'ann@example.test', at: '2026-03-01T10:00:01.000Z' }]);
  });

  it('ignores other event types, and refuses what is not an SES event', () => {
    expect(translateSesNotification(JSON.stringify({ eventType: 'Open', mail, open: { timestamp: 'x' } })).feedback).toEqual([]);
    expect(() => translateSesNotification('{"hello":"world"}')).toThrow();
    expect(() => translateSesNotification('not json')).toThrow();
  });
});
