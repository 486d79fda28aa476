// SES stand-in: aws-ses-v2-local as a child process (same Node as ours) on a loopback port. It
// answers the SES v1/v2 SendEmail APIs, keeps every message in memory, shows them on a web page
// (its root URL) and lists them as JSON at GET /store. In front of it, the mailbox simulator
// (./ses-mailbox-simulator.ts) publishes the bounces, complaints and deliveries SES would.
import { createRequire } from 'node:module';
import path from 'node:path';
import { LOOPBACK, spawnService, startOnPort } from './ports.js';
import { type NotifyFeedback, startMailboxSimulator } from './ses-mailbox-simulator.js';

export interface SentEmail {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | undefined;
  html: string | undefined;
  replyTo: string[];
  /** What was attached (raw messages only), content decoded. */
  attachments: Array<{ fileName: string | undefined; contentType: string; content: Uint8Array }>;
  /** When the server accepted it (second precision, as aws-ses-v2-local records it). */
  at: Date;
}

export interface MailServer {
  /** The SES endpoint for `new SESv2Client({ endpoint, region, credentials })` (any credentials). */
  readonly endpoint: string;
  /** The web page listing the sent mail. */
  readonly viewerUrl: string;
  /** Every email sent so far, oldest first. */
  listEmails(): Promise<SentEmail[]>;
  /** Forgets every email sent so far. */
  clear(): Promise<void>;
  /**
   * Where SES's event notifications for emails sent with a configuration set go (an SNS Lambda event,
   * as the deployed feedback topic delivers it); none until set.
   */
  deliverFeedbackTo(notify: NotifyFeedback | undefined): void;
  /** Resolves once every feedback notification published so far has been handled. */
  feedbackSettled(): Promise<void>;
  stop(): Promise<void>;
}

/** The shape of one email in aws-ses-v2-local's GET /store (its `Email` type, at in epoch seconds). */
interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  replyTo?: string[];
  attachments?: Array<{ content: string; contentType: string; filename?: string }>;
  at: number;
}

const require = createRequire(import.meta.url);

function cliPath(): string {
  return path.join(path.dirname(require.resolve('aws-ses-v2-local')), 'cli.js');
}

export async function startMailServer(
  options: {
    port?: number; echo?: boolean; startTimeoutMs?: number;
    /**
     * The system's clock, that SES's bounce, complaint and delivery notifications are stamped with (the
     * local clock control moves it). The viewer's "At:" is the machine's time the email arrived:
     * aws-ses-v2-local stamps it itself.
     */
    now?: () => number;
  } = {},
): Promise<MailServer> {
  const { service, port } = await startOnPort({
    name: 'aws-ses-v2-local',
    port: options.port,
    spawn: (port) => spawnService(process.execPath, [cliPath(), '--host', LOOPBACK, '--port', String(port)], {
      name: 'aws-ses-v2-local',
      ...(options.echo ? { echo: true } : {}),
    }),
    ready: async (port) => (await fetch(`http://${LOOPBACK}:${port}/health-check`)).ok,
    portTaken: /EADDRINUSE/,
    timeoutMs: options.startTimeoutMs ?? 30_000,
    intervalMs: 50,
  });
  const base = `http://${LOOPBACK}:${port}`;
  let notify: NotifyFeedback | undefined;
  const simulator = await startMailboxSimulator({
    upstream: base, notify: () => notify, log: (line) => process.stderr.write(`${line}\n`), ...(options.now ? { now: options.now } : {}),
  }).catch(async (error: unknown) => {
    await service.stop();
    throw error;
  });
  return {
    endpoint: simulator.url,
    viewerUrl: `${simulator.url}/`,
    deliverFeedbackTo: (target) => { notify = target; },
    feedbackSettled: () => simulator.settled(),
    async listEmails() {
      const response = await fetch(`${base}/store`);
      if (!response.ok) throw new Error(`aws-ses-v2-local GET /store answered ${response.status}`);
      const { emails } = (await response.json()) as { emails: StoredEmail[] };
      return emails.map(toSentEmail);
    },
    async clear() {
      const response = await fetch(`${base}/clear-store`, { method: 'POST' });
      if (!response.ok) throw new Error(`aws-ses-v2-local POST /clear-store answered ${response.status}`);
    },
    stop: async () => {
      await simulator.stop();
      await service.stop();
    },
  };
}

function toSentEmail(email: StoredEmail): SentEmail {
  return {
    messageId: email.messageId,
    from: email.from,
    to: email.destination.to,
    cc: email.destination.cc,
    bcc: email.destination.bcc,
    subject: email.subject,
    text: email.body.text,
    html: email.body.html,
    replyTo: email.replyTo ?? [],
    attachments: (email.attachments ?? []).map((a) => ({
      fileName: a.filename, contentType: a.contentType, content: new Uint8Array(Buffer.from(a.content, 'base64')),
    })),
    at: new Date(email.at * 1000),
  };
}
