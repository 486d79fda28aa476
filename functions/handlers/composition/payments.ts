import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { DynamoCardRepository } from '../../adapters/dynamodb/dynamo-card-repository.js';
import { DynamoPaymentLedger } from '../../adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoProcessedEvents } from '../../adapters/dynamodb/dynamo-processed-events.js';
import { StripePaymentGateway } from '../../adapters/stripe/stripe-payment-gateway.js';
import { type StripeSettings, config } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import { storage } from './storage.js';

/**
 * The composition root for card payments. The Stripe keys are read once per cold start: from
 * Secrets Manager in AWS, from the environment locally (where STRIPE_API_URL points at the sandbox).
 */
async function stripeKeys(settings: StripeSettings): Promise<{ secretKey: string; webhookSecret: string }> {
  if (settings.source === 'environment') return settings;
  const secret = await getSecret<{ secretKey: string; webhookSecret: string }>(settings.secretArn, {
    transform: 'json', maxAge: Number.MAX_SAFE_INTEGER,
  });
  if (!secret?.secretKey || !secret.webhookSecret) {
    throw new Error(`Secret ${settings.secretArn} must hold {"secretKey": "sk_…", "webhookSecret": "whsec_…"}`);
  }
  return secret;
}

async function build() {
  const { stripe, tableName } = config();
  if (!stripe) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const keys = await stripeKeys(stripe);
  const api = stripe.apiUrl ? new URL(stripe.apiUrl) : undefined;
  const gateway = new StripePaymentGateway({
    ...keys,
    ...(api ? { host: api.hostname, port: Number(api.port), protocol: api.protocol === 'https:' ? 'https' : 'http' } : {}),
  });
  const base = await storage();
  const db = base.db;
  return {
    ...base,
    gateway,
    cards: new DynamoCardRepository(db, tableName),
    ledger: new DynamoPaymentLedger(db, tableName),
    events: new DynamoProcessedEvents(db, tableName),
  };
}

let built: ReturnType<typeof build> | undefined;

export function payments(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
