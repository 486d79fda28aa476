import { SESClient } from '@aws-sdk/client-ses';
import type { SNSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STAND_IN_CALL_LIMITS, awsClientOptions } from '../../../functions/adapters/aws/aws-client-options.js';
import { SesMailer } from '../../../functions/adapters/ses/ses-mailer.js';
import { type MailServer, startMailServer } from '../../../local/mail.js';

const DAY_MS = 86_400_000;

/**
 * The local SES stamps what it reports (a bounce, a delivery) with the system's clock, as SES stamps
 * them with the real time: after the clock control moved the clock 40 days on, a bounce is reported on
 * that day, not on the machine's.
 */
describe('the local SES on a moved clock', () => {
  let server: MailServer;
  let client: SESClient;
  const movedBy = 40 * DAY_MS;

  beforeAll(async () => {
    server = await startMailServer({ now: () => Date.now() + movedBy });
    client = new SESClient(awsClientOptions({ region: 'us-east-1', endpoint: server.endpoint, limits: LOCAL_STAND_IN_CALL_LIMITS }));
  });
  afterAll(async () => {
    client?.destroy();
    await server?.stop();
  });

  it('reports a bounce at the moved time', async () => {
    const received: SNSEvent[] = [];
    server.deliverFeedbackTo(async (event) => { received.push(event); });
    const mailer = new SesMailer(client, { address: 'billing@example-hosting.test', name: 'Example Hosting Ltd', replyTo: 'accounts@example-hosting.test', configurationSet: 'billing' });

    await mailer.send({ to: 'bounce@simulator.amazonses.com', subject: 'Invoice #000042', html: '<p>Hello</p>', text: 'Hello', tags: { kind: 'invoice_issued', invoiceId: 'inv_1' } });
    await server.feedbackSettled();
    const bounce = received.map((event) => JSON.parse(event.Records[0]!.Sns.Message) as { eventType: string; bounce?: { timestamp: string }; mail: { timestamp: string } })
      .find((notification) => notification.eventType === 'Bounce');

    expect(Math.abs(Date.parse(bounce!.bounce!.timestamp) - (Date.now() + movedBy))).toBeLessThan(60_000);
    expect(Math.abs(Date.parse(bounce!.mail.timestamp) - (Date.now() + movedBy))).toBeLessThan(60_000);
    expect(Math.abs(Date.parse(received[0]!.Records[0]!.Sns.Timestamp) - (Date.now() + movedBy))).toBeLessThan(60_000);
  });
});
