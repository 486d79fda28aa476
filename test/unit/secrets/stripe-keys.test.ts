import { Readable } from 'node:stream';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StripeClients } from '../../../functions/adapters/stripe/stripe-client.js';
import { StripeWebhookSource } from '../../../functions/adapters/stripe/stripe-webhook-source.js';
import { WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';
import { stripeEventFixture } from '../../fixtures/stripe/events.js';
import { stripeKeysFromEnvironment } from '../../../functions/adapters/secrets/environment-stripe-keys.js';
import { STRIPE_KEYS_MAX_AGE_SECONDS, stripeKeysFromSecretsManager } from '../../../functions/adapters/secrets/secrets-manager-stripe-keys.js';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/stripe-AbCdEf';
const keys = (n: number) => ({ secretKey: `sk_test_${n}`, webhookSecret: `whsec_${n}` });

/**
 * The real SDK client and Powertools, with a stand-in for the network: the request handler answers
 * GetSecretValue with whatever `secret.value` holds at that moment, as Secrets Manager would after a
 * rotation. The clock is faked (Date only; timers run), so minutes pass at once.
 */
function secretsManagerStandIn() {
  const secret = { value: JSON.stringify(keys(1)), reads: 0, failNext: false };
  const client = new SecretsManagerClient({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async () => {
        secret.reads++;
        const failed = secret.failNext;
        secret.failNext = false;
        const body = failed
          ? { __type: 'InternalServiceError', message: 'An error occurred on the server side.' }
          : { ARN, Name: 'billing/stripe', SecretString: secret.value };
        return {
          response: {
            statusCode: failed ? 500 : 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  });
  return { secret, client };
}

describe('Stripe keys from Secrets Manager, through Powertools Parameters', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T09:00:00Z'));
  });
  afterEach(() => { vi.useRealTimers(); });

  it('keeps the keys for 5 minutes, then answers a rotated secret without a restart', async () => {
    const { secret, client } = secretsManagerStandIn();
    const current = stripeKeysFromSecretsManager(ARN, { client });
    expect(STRIPE_KEYS_MAX_AGE_SECONDS).toBe(300);

    expect(await current()).toEqual(keys(1));
    secret.value = JSON.stringify(keys(2)); // rotated in Secrets Manager

    vi.advanceTimersByTime(299_000);
    expect(await current()).toEqual(keys(1));
    expect(secret.reads).toBe(1);

    vi.advanceTimersByTime(2_000);
    expect(await current()).toEqual(keys(2));
    expect(secret.reads).toBe(2);
  });

  it('honours a shorter maxAge', async () => {
    const { secret, client } = secretsManagerStandIn();
    const current = stripeKeysFromSecretsManager(ARN, { client, maxAgeSeconds: 10 });
    await current();
    secret.value = JSON.stringify(keys(3));

    vi.advanceTimersByTime(11_000);

    expect(await current()).toEqual(keys(3));
  });

  it('fails a read that fails, and reads again on the next call', async () => {
    const { secret, client } = secretsManagerStandIn();
    const current = stripeKeysFromSecretsManager(ARN, { client });
    secret.failNext = true;

    await expect(current()).rejects.toThrow();

    expect(await current()).toEqual(keys(1));
    expect(secret.reads).toBe(2);
  });

  it('refuses a secret without both keys, naming the missing one and printing no value', async () => {
    const { secret, client } = secretsManagerStandIn();
    secret.value = JSON.stringify({ secretKey: 'sk_test_secret_value' });

    const error = await stripeKeysFromSecretsManager(ARN, { client })().then(() => new Error('resolved'), (e: unknown) => e as Error);

    expect(error.message).toContain('webhookSecret');
    expect(error.message).toContain(ARN);
    expect(error.message).not.toContain('sk_test_secret_value');
  });
});

describe('The Stripe webhook source on a rotated webhook secret', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T09:00:00Z'));
  });
  afterEach(() => { vi.useRealTimers(); });

  const delivery = (secret: string) => {
    const rawBody = stripeEventFixture('payment_intent.succeeded');
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: rawBody, secret, timestamp: Math.floor(Date.now() / 1000) });
    return { rawBody, headers: { 'stripe-signature': signature } };
  };

  it('verifies with the new secret within maxAge of its change in Secrets Manager, without a restart', async () => {
    const { secret, client } = secretsManagerStandIn();
    const webhooks = new StripeWebhookSource(new StripeClients(stripeKeysFromSecretsManager(ARN, { client })));
    await expect(webhooks.verify(delivery('whsec_1'))).resolves.toMatchObject({ type: 'payment_intent.succeeded' });

    secret.value = JSON.stringify(keys(2)); // the endpoint's signing secret was rolled in Stripe and stored
    vi.advanceTimersByTime(STRIPE_KEYS_MAX_AGE_SECONDS * 1000 + 1000);

    await expect(webhooks.verify(delivery('whsec_2'))).resolves.toMatchObject({ type: 'payment_intent.succeeded' });
    await expect(webhooks.verify(delivery('whsec_1'))).rejects.toBeInstanceOf(WebhookSignatureError);
  });
});

describe('Stripe keys from the environment (the local stand-in)', () => {
  it('answers the variables as they are at each call, so a change takes effect at once', async () => {
    const env = { secretKey: 'sk_test_1', webhookSecret: 'whsec_1' };
    const current = stripeKeysFromEnvironment(() => env);
    expect(await current()).toEqual(keys(1));

    env.webhookSecret = 'whsec_2';

    expect(await current()).toEqual({ secretKey: 'sk_test_1', webhookSecret: 'whsec_2' });
  });

  it('names a missing variable', async () => {
    await expect(stripeKeysFromEnvironment(() => ({ secretKey: 'sk_test_1' }))()).rejects.toThrow(/webhookSecret/);
  });
});
