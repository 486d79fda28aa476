import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { StripePaymentGateway } from '../../../functions/adapters/stripe/stripe-payment-gateway.js';
import { startStripeSandbox, type StripeSandbox, type StripeSandboxOptions } from '../../../local/stripe-sandbox/index.js';

/**
 * Where the adapter's integration tests run: the local sandbox (always), or Stripe's test mode when
 * STRIPE_TEST_SECRET_KEY is set. The raw SDK client is only for arranging fixtures (attaching
 * Stripe's test cards), never for asserting on the adapter's calls.
 */
export interface StripeTarget {
  name: string;
  gateway: StripePaymentGateway;
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
    gateway: new StripePaymentGateway({ secretKey: SANDBOX_KEY, webhookSecret, ...connection, ...(now && { now }) }),
    stripe: new Stripe(SANDBOX_KEY, connection),
    stop: () => sandbox.stop(),
  };
}

export async function startStripeTestModeTarget(secretKey: string): Promise<StripeTarget> {
  const webhookSecret = `whsec_${randomUUID().replaceAll('-', '')}`;
  return {
    name: 'Stripe test mode',
    webhookSecret,
    gateway: new StripePaymentGateway({ secretKey, webhookSecret }),
    stripe: new Stripe(secretKey),
    stop: async () => {},
  };
}

/** A billing customer id nobody else uses, so idempotency keys never meet across runs. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;
