import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BtcpayClient } from '../../../functions/adapters/btcpay/btcpay-client.js';
import { BtcpayWebhookSource } from '../../../functions/adapters/btcpay/btcpay-webhook-source.js';
import { btcpayKeysFromEnvironment } from '../../../functions/adapters/secrets/environment-btcpay-keys.js';
import { BTCPAY_KEYS_MAX_AGE_SECONDS, btcpayKeysFromSecretsManager } from '../../../functions/adapters/secrets/secrets-manager-btcpay-keys.js';
import { WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/btcpay-AbCdEf';
const keys = (n: number) => ({ apiKey: `key-${n}`, storeId: 'store', webhookSecret: `secret-${n}` });

/** The real SDK client and Powertools; the request handler answers GetSecretValue with `secret.value`. */
function secretsManagerStandIn() {
  const secret = { value: JSON.stringify(keys(1)), reads: 0 };
  const client = new SecretsManagerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => {
        secret.reads++;
        return {
          response: {
            statusCode: 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify({ ARN, Name: 'billing/btcpay', SecretString: secret.value }))]),
          },
        };
      },
    },
  });
  return { secret, client };
}

describe('BTCPay keys from Secrets Manager, through Powertools Parameters with a maxAge', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T09:00:00Z'));
  });
  afterEach(() => { vi.useRealTimers(); });

  it('keeps the keys for 5 minutes, then answers a rotated secret without a restart', async () => {
    const { secret, client } = secretsManagerStandIn();
    const current = btcpayKeysFromSecretsManager(ARN, { client });
    expect(BTCPAY_KEYS_MAX_AGE_SECONDS).toBe(300);
    expect(await current()).toEqual(keys(1));
    secret.value = JSON.stringify(keys(2));
    vi.advanceTimersByTime(299_000);
    expect(await current()).toEqual(keys(1));
    vi.advanceTimersByTime(2_000);
    expect(await current()).toEqual(keys(2));
    expect(secret.reads).toBe(2);
  });

  it('verifies webhooks with the rotated webhook secret once the cache has aged, and refuses the old one', async () => {
    const { secret, client } = secretsManagerStandIn();
    const source = new BtcpayWebhookSource(new BtcpayClient(btcpayKeysFromSecretsManager(ARN, { client }), { baseUrl: 'http://127.0.0.1:9' }));
    const body = JSON.stringify({ deliveryId: 'd', type: 'InvoiceExpired', timestamp: 1, invoiceId: 'i', metadata: {} });
    const signed = (key: string) => ({ rawBody: body, headers: { 'btcpay-sig': `sha256=${createHmac('sha256', key).update(body).digest('hex')}` } });
    await expect(source.verify(signed('secret-1'))).resolves.toMatchObject({ dedupeKey: 'i:InvoiceExpired' });
    secret.value = JSON.stringify(keys(2));
    vi.advanceTimersByTime(BTCPAY_KEYS_MAX_AGE_SECONDS * 1000 + 1000);
    await expect(source.verify(signed('secret-2'))).resolves.toMatchObject({ type: 'InvoiceExpired' });
    await expect(source.verify(signed('secret-1'))).rejects.toBeInstanceOf(WebhookSignatureError);
  });

  it('refuses a secret without all three keys, naming the missing ones and printing no value', async () => {
    const { secret, client } = secretsManagerStandIn();
    secret.value = JSON.stringify({ apiKey: 'the-real-api-key' });
    const error = await btcpayKeysFromSecretsManager(ARN, { client })().then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error.message).toContain('storeId, webhookSecret');
    expect(error.message).not.toContain('the-real-api-key');
  });
});

describe('BTCPay keys from the environment (the local stand-in)', () => {
  it('answers the variables as they are at each call', async () => {
    const env = { ...keys(1) };
    const current = btcpayKeysFromEnvironment(() => env);
    expect(await current()).toEqual(keys(1));
    env.webhookSecret = 'secret-9';
    expect((await current()).webhookSecret).toBe('secret-9');
  });
});
