import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoPaymentLedger } from '../../adapters/dynamodb/dynamo-payment-ledger.js';
import { DynamoProviderAccounts } from '../../adapters/dynamodb/dynamo-provider-accounts.js';
import { DynamoWebhookClaims } from '../../adapters/dynamodb/dynamo-webhook-claims.js';
import { readJsonSecret } from '../../adapters/secrets/secrets-manager-json-secret.js';
import { stripeAmountLimits } from '../../adapters/stripe/stripe-amount-limits.js';
import { StripeCardPayments } from '../../adapters/stripe/stripe-card-payments.js';
import { StripeClients, type StripeKeys } from '../../adapters/stripe/stripe-client.js';
import { StripeWebhookSource } from '../../adapters/stripe/stripe-webhook-source.js';
import { type StripeSettings, config } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import { cardStorage } from './cards.js';

/**
 * The composition root for card payments: Stripe behind the card capabilities (provider customers,
 * hosted checkout, saved methods) and its webhook source. The Stripe keys come from Secrets Manager in
 * AWS, from the environment locally (where STRIPE_API_URL points at the sandbox).
 */
async function stripeKeys(settings: StripeSettings, region: string): Promise<StripeKeys> {
  if (settings.source === 'environment') return settings;
  const secret = await readJsonSecret(settings.secretArn, { region });
  if (typeof secret['secretKey'] !== 'string' || typeof secret['webhookSecret'] !== 'string') {
    throw new Error(`Secret ${settings.secretArn} must hold {"secretKey": "sk_…", "webhookSecret": "whsec_…"}`);
  }
  return { secretKey: secret['secretKey'], webhookSecret: secret['webhookSecret'] };
}

async function build() {
  const { stripe, tableName, region, dynamoDbEndpoint } = config();
  if (!stripe) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const api = stripe.apiUrl ? new URL(stripe.apiUrl) : undefined;
  const keys = await stripeKeys(stripe, region);
  const clients = new StripeClients(
    async () => keys,
    api ? { host: api.hostname, port: Number(api.port), protocol: api.protocol === 'https:' ? 'https' : 'http' } : undefined,
  );
  const cards = new StripeCardPayments(clients);
  const base = await cardStorage();
  // TODO(sdk merge): the storage composition's shared document client.
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region, ...(dynamoDbEndpoint ? { endpoint: dynamoDbEndpoint } : {}) }));
  return {
    ...base,
    ledger: new DynamoPaymentLedger(base.db, tableName),
    accounts: new DynamoProviderAccounts(doc, tableName),
    claims: new DynamoWebhookClaims(doc, tableName),
    cardLimits: stripeAmountLimits,
    providerCustomers: cards,
    checkout: cards,
    savedMethods: cards,
    stripeWebhooks: new StripeWebhookSource(clients),
  };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next request tries again. */
export function payments(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
