import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type StripeKeySource, parseStripeKeys } from './stripe-keys.js';

/**
 * How long a function keeps the Stripe keys before it reads the secret again: a rotated key, or a
 * webhook secret set after the deploy, is in use everywhere within 5 minutes, at the cost of one
 * GetSecretValue per warm function every 5 minutes.
 */
export const STRIPE_KEYS_MAX_AGE_SECONDS = 5 * 60;

/**
 * The Stripe keys from a Secrets Manager secret holding `{"secretKey": …, "webhookSecret": …}`, read
 * through Powertools Parameters: the first call reads the secret, later calls answer from the cache
 * until it is `maxAgeSeconds` old, then read it again. A read that fails throws (Powertools'
 * GetParameterError, with the SDK's error as its cause); the next call tries again.
 *
 * `client` is built once per cold start by the composition root, with the call limits of
 * aws-client-options.ts.
 */
export function stripeKeysFromSecretsManager(
  secretArn: string,
  options: { client: SecretsManagerClient; maxAgeSeconds?: number },
): StripeKeySource {
  const provider = new SecretsProvider({ awsSdkV3Client: options.client });
  const maxAge = options.maxAgeSeconds ?? STRIPE_KEYS_MAX_AGE_SECONDS;
  return async () => {
    const secret = await provider.get(secretArn, { transform: 'json', maxAge });
    return parseStripeKeys(secret, `Secret ${secretArn}`);
  };
}
