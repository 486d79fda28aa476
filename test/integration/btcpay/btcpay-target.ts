import { randomUUID } from 'node:crypto';
import { BtcpayAcceptedCryptocurrencies } from '../../../functions/adapters/btcpay/btcpay-accepted-cryptocurrencies.js';
import { BtcpayClient } from '../../../functions/adapters/btcpay/btcpay-client.js';
import { BtcpayCryptoCheckout } from '../../../functions/adapters/btcpay/btcpay-crypto-checkout.js';
import { BtcpayWebhookSource } from '../../../functions/adapters/btcpay/btcpay-webhook-source.js';
import type { BtcpayKeys } from '../../../functions/adapters/secrets/btcpay-keys.js';
import { type BtcpaySandbox, type BtcpaySandboxOptions, startBtcpaySandbox } from '../../../local/btcpay-sandbox/index.js';

/**
 * Where the BTCPay adapter's tests run: the local sandbox (always), or a real BTCPay Server when
 * BTCPAY_URL, BTCPAY_API_KEY and BTCPAY_STORE_ID are set (a testnet or regtest store, with an API key
 * that may create, view and modify its invoices and view its settings).
 */
export interface BtcpayTarget {
  name: string;
  keys: BtcpayKeys;
  client: BtcpayClient;
  checkout: BtcpayCryptoCheckout;
  accepted: BtcpayAcceptedCryptocurrencies;
  webhooks: BtcpayWebhookSource;
  stop(): Promise<void>;
}

export interface SandboxTarget extends BtcpayTarget {
  sandbox: BtcpaySandbox;
}

export const REAL_BTCPAY = process.env['BTCPAY_URL'] && process.env['BTCPAY_API_KEY'] && process.env['BTCPAY_STORE_ID']
  ? {
    url: process.env['BTCPAY_URL'],
    keys: {
      apiKey: process.env['BTCPAY_API_KEY'],
      storeId: process.env['BTCPAY_STORE_ID'],
      webhookSecret: process.env['BTCPAY_WEBHOOK_SECRET'] ?? 'unused-in-the-contract-tests',
    },
  }
  : undefined;

export async function startSandboxTarget(options: Partial<BtcpaySandboxOptions> = {}): Promise<SandboxTarget> {
  const webhookSecret = `whsec-${randomUUID()}`;
  const sandbox = await startBtcpaySandbox({ webhookSecret, webhookRetryDelaysMs: [20, 40, 80], ...options });
  const keys = { apiKey: sandbox.apiKey, storeId: sandbox.storeId, webhookSecret };
  return { name: 'local sandbox', sandbox, ...adapters(sandbox.url, keys, sandbox.now), stop: () => sandbox.stop() };
}

export function startRealTarget(real: NonNullable<typeof REAL_BTCPAY>): BtcpayTarget {
  return { name: 'BTCPay Server', ...adapters(real.url, real.keys), stop: async () => {} };
}

/** The production adapters, on fixed keys. */
export function adapters(baseUrl: string, keys: BtcpayKeys, now: () => number = Date.now) {
  const client = new BtcpayClient(async () => keys, { baseUrl });
  return {
    keys,
    client,
    checkout: new BtcpayCryptoCheckout(client, now),
    accepted: new BtcpayAcceptedCryptocurrencies(client, now),
    webhooks: new BtcpayWebhookSource(client),
  };
}

/** An id nobody else uses, so runs against a real store never meet. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;
