import { DynamoPaymentLedger } from '../../adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoProcessedEvents } from '../../adapters/dynamodb/dynamo-processed-events.js';
import { readJsonSecret } from '../../adapters/secrets/secrets-manager-json-secret.js';
import { StripePaymentGateway } from '../../adapters/stripe/stripe-payment-gateway.js';
import { type StripeSettings, config } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import { cardStorage } from './cards.js';

/**
 * The composition root for card payments. The Stripe keys are read once per cold start: from
 * Secrets Manager in AWS, from the environment locally (where STRIPE_API_URL points at the sandbox).
 */
async function stripeKeys(settings: StripeSettings, region: string): Promise<{ secretKey: string; webhookSecret: string }> {
  if (settings.source === 'environment') return settings;
  const secret = await readJsonSecret(settings.secretArn, { region });
  if (typeof secret['secretKey'] !== 'string' || typeof secret['webhookSecret'] !== 'string') {
    throw new Error(`Secret ${settings.secretArn} must hold {"secretKey": "sk_…", "webhookSecret": "whsec_…"}`);
  }
  return { secretKey: secret['secretKey'], webhookSecret: secret['webhookSecret'] };
}

async function build() {
  const { stripe, tableName, region } = config();
  if (!stripe) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const api = stripe.apiUrl ? new URL(stripe.apiUrl) : undefined;
  const gateway = new StripePaymentGateway({
    ...(await stripeKeys(stripe, region)),
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
