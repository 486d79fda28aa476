import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type PayPalCredentialSource, parsePayPalCredentials } from './paypal-credentials.js';

/** As for the Stripe keys: a rotated secret is in use everywhere within 5 minutes. */
export const PAYPAL_CREDENTIALS_MAX_AGE_SECONDS = 5 * 60;

/**
 * The PayPal credentials from a Secrets Manager secret holding `{"clientId", "clientSecret",
 * "webhookId"}`, read through Powertools Parameters with a `maxAge`: later calls answer from the cache
 * until it is that old, then read the secret again. A failed read throws; the next call tries again.
 */
export function paypalCredentialsFromSecretsManager(
  secretArn: string,
  options: { client: SecretsManagerClient; maxAgeSeconds?: number },
): PayPalCredentialSource {
  const provider = new SecretsProvider({ awsSdkV3Client: options.client });
  const maxAge = options.maxAgeSeconds ?? PAYPAL_CREDENTIALS_MAX_AGE_SECONDS;
  return async () => parsePayPalCredentials(await provider.get(secretArn, { transform: 'json', maxAge }), `Secret ${secretArn}`);
}
