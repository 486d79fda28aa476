// SES's feedback, on one machine: a small HTTP server in front of aws-ses-v2-local that passes every
// request through unchanged and, for each email SES would publish events for (one sent with a
// configuration set), publishes what SES would to the configuration set's SNS topic, as an SNS
// Lambda event handed to `notify` (the same handler the deployed topic calls):
//   bounce@simulator.amazonses.com          Bounce (Permanent, General, 550 5.1.1 user unknown)
//   suppressionlist@simulator.amazonses.com Bounce (Permanent, OnAccountSuppressionList)
//   complaint@simulator.amazonses.com       Delivery, then Complaint (abuse)
//   any other address (success@, ooto@)    Delivery
// A `+label` before the @ is allowed, as the SES mailbox simulator allows it.
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SNSEvent } from 'aws-lambda';
import { LOOPBACK } from './ports.js';

export type NotifyFeedback = (event: SNSEvent) => Promise<void>;

export interface MailboxSimulator {
  readonly url: string;
  /** Resolves once every notification published so far has been handled. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface SentMessage {
  messageId: string;
  source: string;
  recipients: string[];
  tags: Record<string, string[]>;
}

const SIMULATOR = /^(bounce|complaint|suppressionlist|success|ooto)(\+[^@]*)?@simulator\.amazonses\.com$/i;
const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:billing-local-ses-feedback';

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What an SES v1 (form-encoded query) or v2 (JSON) send request asked for, with the id SES answered. */
function sentMessage(path: string, body: Buffer, answer: string): SentMessage | undefined {
  if (path === '/' || path === '') {
    const form = new URLSearchParams(body.toString('utf8'));
    const action = form.get('Action');
    if ((action !== 'SendEmail' && action !== 'SendRawEmail') || !form.get('ConfigurationSetName')) return undefined;
    const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(answer)?.[1];
    const prefix = action === 'SendEmail' ? 'Destination.ToAddresses.member.' : 'Destinations.member.';
    const recipients = [...form.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
    const tags: Record<string, string[]> = {};
    for (let i = 1; form.has(`Tags.member.${i}.Name`); i++) tags[form.get(`Tags.member.${i}.Name`)!] = [form.get(`Tags.member.${i}.Value`) ?? ''];
    return messageId ? { messageId, source: form.get('Source') ?? '', recipients, tags } : undefined;
  }
  if (path === '/v2/email/outbound-emails') {
    const request = JSON.parse(body.toString('utf8')) as {
      ConfigurationSetName?: string; FromEmailAddress?: string; Destination?: { ToAddresses?: string[] }; EmailTags?: Array<{ Name: string; Value: string }>;
    };
    const messageId = (JSON.parse(answer) as { MessageId?: string }).MessageId;
    if (!request.ConfigurationSetName || !messageId) return undefined;
    const tags = Object.fromEntries((request.EmailTags ?? []).map((t) => [t.Name, [t.Value]]));
    return { messageId, source: request.FromEmailAddress ?? '', recipients: request.Destination?.ToAddresses ?? [], tags };
  }
  return undefined;
}

/** The SES event records SES would publish for one recipient of a message, in order. */
function eventsFor(message: SentMessage, recipient: string, now: Date): object[] {
  const mail = {
    timestamp: now.toISOString(), source: message.source, sendingAccountId: '000000000000', messageId: message.messageId,
    destination: message.recipients, headersTruncated: false, tags: message.tags,
  };
  const later = (ms: number) => new Date(now.getTime() + ms).toISOString();
  const delivery = {
    eventType: 'Delivery', mail,
    delivery: { timestamp: later(500), processingTimeMillis: 500, recipients: [recipient], smtpResponse: '250 2.6.0 Message received', reportingMTA: 'a8-70.smtp-out.amazonses.com' },
  };
  const kind = SIMULATOR.exec(recipient)?.[1]?.toLowerCase();
  const bounce = (subType: string, diagnosticCode: string) => ({
    eventType: 'Bounce', mail,
    bounce: {
      bounceType: 'Permanent', bounceSubType: subType, timestamp: later(1_000), feedbackId: `${randomUUID()}-000000`, reportingMTA: 'dns; simulator.amazonses.com',
      bouncedRecipients: [{ emailAddress: recipient, action: 'failed', status: '5.1.1', diagnosticCode }],
    },
  });
  if (kind === 'bounce') return [bounce('General', 'smtp; 550 5.1.1 user unknown')];
  if (kind === 'suppressionlist') {
    return [bounce('OnAccountSuppressionList', 'Amazon SES did not send the message to this address because it is on the suppression list for your account.')];
  }
  if (kind === 'complaint') {
    return [delivery, {
      eventType: 'Complaint', mail,
      complaint: {
        complainedRecipients: [{ emailAddress: recipient }], timestamp: later(2_000), feedbackId: `${randomUUID()}-000000`,
        userAgent: 'Amazon SES Mailbox Simulator', complaintFeedbackType: 'abuse', arrivalDate: later(1_500),
      },
    }];
  }
  return [delivery];
}

function snsEvent(sesEvent: object, now: Date): SNSEvent {
  const messageId = randomUUID();
  return {
    Records: [{
      EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: `${TOPIC_ARN}:${randomUUID()}`,
      Sns: {
        Type: 'Notification', MessageId: messageId, TopicArn: TOPIC_ARN, Subject: '', Message: JSON.stringify(sesEvent),
        Timestamp: now.toISOString(), SignatureVersion: '1', Signature: 'local', SigningCertUrl: '', UnsubscribeUrl: '', MessageAttributes: {},
      },
    }],
  };
}

/**
 * Starts the simulator on a free loopback port, in front of the aws-ses-v2-local at `upstream`.
 * Notifications are handed to `notify` one after another, after SES's answer was sent (as SES
 * publishes them later); a failing `notify` is reported through `log` (SNS would retry it).
 */
export async function startMailboxSimulator(options: {
  upstream: string; notify: () => NotifyFeedback | undefined; log?: (line: string) => void;
  /** The system's clock (ms since the epoch), that SES's notifications are stamped with; default the machine's. */
  now?: () => number;
}): Promise<MailboxSimulator> {
  let queue: Promise<void> = Promise.resolve();
  const clock = options.now ?? Date.now;
  const publish = (message: SentMessage) => {
    const now = new Date(clock());
    for (const recipient of message.recipients) {
      for (const event of eventsFor(message, recipient, now)) {
        queue = queue.then(async () => {
          const notify = options.notify();
          if (notify) await notify(snsEvent(event, now));
        }).catch((error: unknown) => options.log?.(`SES feedback notification failed: ${String(error)}`));
      }
    }
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
      const upstream = await fetch(`${options.upstream}${request.url ?? '/'}`, {
        method: request.method ?? 'GET', headers, ...(body.length ? { body: new Uint8Array(body) } : {}),
      });
      const answer = Buffer.from(await upstream.arrayBuffer());
      response.writeHead(upstream.status, Object.fromEntries([...upstream.headers].filter(([k]) => !['content-encoding', 'transfer-encoding', 'content-length', 'connection'].includes(k))));
      response.end(answer);
      if (request.method === 'POST' && upstream.ok) {
        const sent = sentMessage(new URL(request.url ?? '/', 'http://x').pathname, body, answer.toString('utf8'));
        if (sent) publish(sent);
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${LOOPBACK}:${port}`,
    settled: async () => {
      // A notification may queue another (none today), so wait until the queue stops growing.
      for (let seen = queue; ; seen = queue) {
        await seen;
        if (seen === queue) return;
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
