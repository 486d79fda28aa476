import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRETS_CALL_LIMITS, awsClientOptions } from '../../adapters/aws/aws-client-options.js';
import { DynamoPaymentLedger } from '../../adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoProcessedEvents } from '../../adapters/dynamodb/dynamo-processed-events.js';
import { stripeKeysFromEnvironment } from '../../adapters/secrets/environment-stripe-keys.js';
import { stripeKeysFromSecretsManager } from '../../adapters/secrets/secrets-manager-stripe-keys.js';
import type { StripeKeySource } from '../../adapters/secrets/stripe-keys.js';
import { StripePaymentGateway } from '../../adapters/stripe/stripe-payment-gateway.js';
import { type StripeSettings, config } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import { cardStorage } from './cards.js';

/**
 * Where the Stripe keys come from: a Secrets Manager secret in AWS (re-read through Powertools every
 * STRIPE_KEYS_MAX_AGE_SECONDS), the environment locally (where STRIPE_API_URL points at the sandbox).
 */
function stripeKeySource(settings: StripeSettings, region: string): StripeKeySource {
  if (settings.source === 'environment') return stripeKeysFromEnvironment(process.env);
  const client = new SecretsManagerClient(awsClientOptions({ region, limits: SECRETS_CALL_LIMITS }));
  return stripeKeysFromSecretsManager(settings.secretArn, { client });
}

/**
 * The composition root for card payments. Today's gateway takes its keys at construction, so they
 * are read once per cold start; a gateway that asks the key source on each use would pick up a
 * rotated key within the source's cache period.
 */
async function build() {
  const { stripe, tableName, region } = config();
  if (!stripe) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const api = stripe.apiUrl ? new URL(stripe.apiUrl) : undefined;
  const gateway = new StripePaymentGateway({
    ...(await stripeKeySource(stripe, region)()),
    ...(api ? { host: api.hostname, port: Number(api.port), protocol: api.protocol === 'https:' ? 'https' : 'http' } : {}),
  });
  const base = await cardStorage();
  return {
    ...base,
    gateway,
    ledger: new DynamoPaymentLedger(base.db, tableName),
    events: new DynamoProcessedEvents(base.db, tableName),
  };
}

let built: ReturnType<typeof build> | undefined;

export function payments(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
