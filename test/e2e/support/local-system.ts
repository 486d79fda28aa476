import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildWebIfStale } from '../../../local/web-build.js';

/** What the browser tests need from `startLocalSystem` (local/system.ts). */
export interface Email {
  to: string[];
  from: string;
  subject: string;
  text: string | undefined;
  html: string | undefined;
  at: Date | string;
}

export interface Login {
  email: string;
  password: string;
}

export interface LocalSystem {
  url: string;
  mailViewerUrl: string;
  mail: { listEmails(): Promise<Email[]> };
  logins: { admin: Login; customers: (Login & { name: string; customerId: string })[] };
  /** The system's DynamoDB Local and table, for arranging data no user could make quickly (thousands of customers). */
  dynamoDbEndpoint: string;
  tableName: string;
  /** The local Stripe sandbox: its hosted card pages live on `url`, another origin than the app. */
  stripe: {
    url: string;
    faults: { failNextWith500: number; holdWebhooks: boolean };
    resetFaults(): void;
    /** Sends the events held back while `faults.holdWebhooks` was set. */
    releaseWebhooks(order?: 'as-happened' | 'reverse'): void;
    /** Resolves once every webhook sent so far has been delivered. */
    webhooksIdle(): Promise<void>;
    /** Successful charges for an invoice (by the PaymentIntent's metadata). */
    captureCount(invoiceId: string): number;
  };
  /** The local PayPal sandbox: its approval page lives on `url`, another origin than the app. */
  paypal: {
    url: string;
    faults: { holdWebhooks: boolean };
    resetFaults(): void;
    webhooksIdle(): Promise<void>;
    /** Captures that took or will take money, with the invoice id (the purchase unit's reference_id). */
    captures(): { captureId: string; referenceId: string }[];
    captureCount(invoiceId: string): number;
    /** A pending capture (an eCheck) clears or bounces. */
    settleCapture(captureId: string, outcome: 'COMPLETED' | 'DECLINED'): unknown;
    /** Bills every subscription cycle the clock has passed (the sandbox does it on each request too). */
    renewDue(): number;
    /** Every subscription payment: its subscription's custom_id (our service id). */
    sales(): { saleId: string; customId?: string }[];
  };
  /** The local BTCPay Server: its checkout pages live on `url`, another origin than the app. */
  btcpay: {
    url: string;
    /** Moves the sandbox clock on: payments due to confirm confirm, and their webhooks are sent. */
    advanceClock(ms: number): void;
    webhooksIdle(): Promise<void>;
  };
  /** The system's Cognito (cognito-local), for tests that seed users of their own (test/support/seeded-customer.ts). */
  cognito: { endpoint: string; userPoolId: string };
  stop(): Promise<void>;
}

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Starts the whole system on loopback, in memory, as `npm start` does. E2E_SYSTEM_MODULE may name
 * another module with the same `startLocalSystem` export (used while developing the app).
 */
export async function startSystem(): Promise<LocalSystem> {
  await buildWebIfStale();
  const module = process.env.E2E_SYSTEM_MODULE
    ? pathToFileURL(process.env.E2E_SYSTEM_MODULE).href
    : pathToFileURL(join(repo, 'local', 'system.ts')).href;
  const { startLocalSystem } = (await import(module)) as {
    startLocalSystem(options: { port: number; inMemory: boolean; quiet: boolean }): Promise<LocalSystem>;
  };
  return startLocalSystem({ port: 0, inMemory: true, quiet: true });
}

/** Waits for an email to `to` that arrived after `since` and matches `pattern`; returns the match. */
export async function waitForEmail(
  system: LocalSystem,
  to: string,
  pattern: RegExp,
  options: { since?: number; timeoutMs?: number } = {},
): Promise<{ email: Email; match: RegExpMatchArray }> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const since = options.since ?? 0;
  for (;;) {
    const emails = await system.mail.listEmails();
    for (const email of [...emails].reverse()) {
      if (!email.to.some((address) => address.toLowerCase() === to.toLowerCase())) continue;
      // The local mail server records the time to the second.
      if (since && new Date(email.at).getTime() < since - 1000) continue;
      for (const part of [email.text, email.html, email.subject]) {
        const match = part?.match(pattern);
        if (match) return { email, match };
      }
    }
    if (Date.now() > deadline) {
      const seen = emails.filter((e) => e.to.includes(to)).map((e) => e.subject);
      throw new Error(`No email to ${to} matching ${pattern} within the timeout; emails to them: ${JSON.stringify(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
