import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { StripeCardPayments } from '../../../functions/adapters/stripe/stripe-card-payments.js';
import { StripeClients, type StripeEndpoint } from '../../../functions/adapters/stripe/stripe-client.js';
import { StripeWebhookSource } from '../../../functions/adapters/stripe/stripe-webhook-source.js';
import { startStripeSandbox, type StripeSandbox, type StripeSandboxOptions } from '../../../local/stripe-sandbox/index.js';

/**
 * Where the adapter's integration tests run: the local sandbox (always), or Stripe's test mode when
 * STRIPE_TEST_SECRET_KEY is set. The raw SDK client is only for arranging fixtures (attaching
 * Stripe's test cards), never for asserting on the adapter's calls.
 */
export interface StripeTarget {
  name: string;
  /** The card capabilities (provider customers, hosted checkout, saved methods). */
  cards: StripeCardPayments;
  /** The webhook source, with the endpoint secret below. */
  webhooks: StripeWebhookSource;
  stripe: Stripe;
  webhookSecret: string;
  stop(): Promise<void>;
}

export interface SandboxTarget extends StripeTarget {
  sandbox: StripeSandbox;
}

export const SANDBOX_KEY = 'sk_test_sandbox';
export const CONTRACT_KEY = process.env['STRIPE_TEST_SECRET_KEY'];

export async function startSandboxTarget(options: Partial<StripeSandboxOptions> = {}, now?: () => number): Promise<SandboxTarget> {
  const webhookSecret = `whsec_${randomUUID().replaceAll('-', '')}`;
  const sandbox = await startStripeSandbox({ webhookSecret, webhookRetry: { baseDelayMs: 20 }, ...options });
  const connection = { host: sandbox.host, port: sandbox.port, protocol: 'http' as const };
  return {
    name: 'local sandbox',
    sandbox,
    webhookSecret,
    ...adapters({ secretKey: SANDBOX_KEY, webhookSecret }, connection, now),
    stripe: new Stripe(SANDBOX_KEY, connection),
    stop: () => sandbox.stop(),
  };
}

export async function startStripeTestModeTarget(secretKey: string): Promise<StripeTarget> {
  const webhookSecret = `whsec_${randomUUID().replaceAll('-', '')}`;
  return {
    name: 'Stripe test mode',
    webhookSecret,
    ...adapters({ secretKey, webhookSecret }),
    stripe: new Stripe(secretKey),
    stop: async () => {},
  };
}

/** The production adapters, on fixed keys. */
export function adapters(keys: { secretKey: string; webhookSecret: string }, endpoint?: StripeEndpoint, now?: () => number) {
  const clients = new StripeClients(async () => keys, endpoint);
  return { cards: new StripeCardPayments(clients), webhooks: new StripeWebhookSource(clients, now) };
}

/**
 * What the webhook pipeline does with a delivery before it claims the event: the signature check, the
 * allow-list, then translation. Null for an event type outside the allow-list.
 */
export async function translateDelivery(webhooks: StripeWebhookSource, rawBody: string | Uint8Array, signature: string | undefined) {
  const verified = await webhooks.verify({ rawBody, headers: { 'stripe-signature': signature } });
  return webhooks.handles(verified.type) ? webhooks.translate(verified) : null;
}

/** A billing customer id nobody else uses, so idempotency keys never meet across runs. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;
