import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type BtcpayKeySource, parseBtcpayKeys } from './btcpay-keys.js';

/**
 * How long a function keeps the BTCPay keys before it reads the secret again: a rotated API key or
 * webhook secret is in use everywhere within 5 minutes, at one GetSecretValue per warm function.
 */
export const BTCPAY_KEYS_MAX_AGE_SECONDS = 5 * 60;

/**
 * The BTCPay keys from a Secrets Manager secret holding `{"apiKey", "storeId", "webhookSecret"}`,
 * read through Powertools Parameters with a `maxAge`: later calls answer from the cache until it is
 * that old, then read the secret again. A failed read throws (Powertools' GetParameterError, with the
 * SDK's error as its cause); the next call tries again.
 */
export function btcpayKeysFromSecretsManager(
  secretArn: string,
  options: { client: SecretsManagerClient; maxAgeSeconds?: number },
): BtcpayKeySource {
  const provider = new SecretsProvider({ awsSdkV3Client: options.client });
  const maxAge = options.maxAgeSeconds ?? BTCPAY_KEYS_MAX_AGE_SECONDS;
  return async () => {
    const secret = await provider.get(secretArn, { transform: 'json', maxAge });
    return parseBtcpayKeys(secret, `Secret ${secretArn}`);
  };
}
