import { randomUUID } from 'node:crypto';
import { SigningCertificates, paypalTrust, sandboxTrust } from '../../../functions/adapters/paypal/certificate-trust.js';
import { PayPalCheckout } from '../../../functions/adapters/paypal/paypal-checkout.js';
import { PayPalClients } from '../../../functions/adapters/paypal/paypal-client.js';
import { PayPalWebhookSource } from '../../../functions/adapters/paypal/paypal-webhook-source.js';
import type { PayPalCredentials } from '../../../functions/adapters/secrets/paypal-credentials.js';
import { type PayPalSandbox, type PayPalSandboxOptions, startPayPalSandbox } from '../../../local/paypal-sandbox/index.js';
import { type Decision, decide } from './approval-driver.js';

/**
 * Where the adapter's contract tests run: the local sandbox (always), or PayPal's own sandbox when
 * PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET are set. Approving an order needs a buyer at PayPal's page,
 * which only the local sandbox lets a test be: `approve` is absent against PayPal.
 */
export interface PayPalTarget {
  name: string;
  checkout: PayPalCheckout;
  webhooks: PayPalWebhookSource;
  credentials: PayPalCredentials;
  approve?: (approvalUrl: string, decision: Decision) => Promise<unknown>;
  stop(): Promise<void>;
}

export interface SandboxTarget extends PayPalTarget {
  sandbox: PayPalSandbox;
  approve: (approvalUrl: string, decision: Decision) => Promise<unknown>;
}

export const CONTRACT_CREDENTIALS = process.env['PAYPAL_CLIENT_ID'] && process.env['PAYPAL_CLIENT_SECRET']
  ? { clientId: process.env['PAYPAL_CLIENT_ID'], clientSecret: process.env['PAYPAL_CLIENT_SECRET'] }
  : undefined;

export async function startSandboxTarget(options: Partial<PayPalSandboxOptions> = {}, now?: () => number): Promise<SandboxTarget> {
  const credentials: PayPalCredentials = { clientId: `client-${randomUUID()}`, clientSecret: randomUUID(), webhookId: `WH-${randomUUID()}`, environment: 'sandbox' };
  const sandbox = await startPayPalSandbox({ ...credentials, webhookRetry: { baseDelayMs: 20 }, ...options });
  const clients = new PayPalClients(async () => credentials, { baseUrl: sandbox.url });
  return {
    name: 'local PayPal sandbox',
    sandbox,
    credentials,
    checkout: new PayPalCheckout(clients, 'Example Hosting'),
    webhooks: new PayPalWebhookSource(clients, new SigningCertificates(sandboxTrust(sandbox.url, sandbox.rootCertificatePem)), now),
    approve: (url, decision) => decide(url, decision),
    stop: () => sandbox.stop(),
  };
}

export function startPayPalSandboxTarget(app: { clientId: string; clientSecret: string }): PayPalTarget {
  const credentials: PayPalCredentials = { ...app, webhookId: process.env['PAYPAL_WEBHOOK_ID'] ?? 'WH-unused', environment: 'sandbox' };
  const clients = new PayPalClients(async () => credentials);
  return {
    name: 'PayPal sandbox',
    credentials,
    checkout: new PayPalCheckout(clients, 'Example Hosting'),
    webhooks: new PayPalWebhookSource(clients, new SigningCertificates(paypalTrust())),
    stop: async () => {},
  };
}

/** An id nobody else uses, so request ids never meet across runs. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;
