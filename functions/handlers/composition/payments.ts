import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRETS_CALL_LIMITS, awsClientOptions } from '../../adapters/aws/aws-client-options.js';
import { DynamoProviderAccounts } from '../../adapters/dynamodb/dynamo-provider-accounts.js';
import { DynamoWebhookClaims } from '../../adapters/dynamodb/dynamo-webhook-claims.js';
import { stripeKeysFromEnvironment } from '../../adapters/secrets/environment-stripe-keys.js';
import { stripeKeysFromSecretsManager } from '../../adapters/secrets/secrets-manager-stripe-keys.js';
import type { StripeKeySource } from '../../adapters/secrets/stripe-keys.js';
import { stripeAmountLimits } from '../../adapters/stripe/stripe-amount-limits.js';
import { StripeCardPayments } from '../../adapters/stripe/stripe-card-payments.js';
import { StripeClients } from '../../adapters/stripe/stripe-client.js';
import { StripeWebhookSource } from '../../adapters/stripe/stripe-webhook-source.js';
import { type StripeSettings, config, currentStripeEnvironment } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import type { HostedCheckouts } from '../../ports/payments/hosted-checkout.js';
import type { RefundProviders } from '../../ports/payments/refunds.js';
import { btcpayAdapters } from './btcpay.js';
import { cardStorage } from './cards.js';

/**
 * Where the Stripe keys come from, asked on every use: a Secrets Manager secret in AWS (cached by
 * Powertools for a few minutes, so a rotated key is used without a restart), the environment locally.
 */
function stripeKeySource(settings: StripeSettings, region: string): StripeKeySource {
  if (settings.source === 'environment') return stripeKeysFromEnvironment(currentStripeEnvironment);
  const client = new SecretsManagerClient(awsClientOptions({ region, limits: SECRETS_CALL_LIMITS }));
  return stripeKeysFromSecretsManager(settings.secretArn, { client });
}

/**
 * The composition root for card payments: Stripe behind the card capabilities (provider customers,
 * hosted checkout, saved methods, amount limits) and its webhook source. Locally STRIPE_API_URL
 * points the SDK at the sandbox.
 */
async function build() {
  const { stripe, tableName, region } = config();
  if (!stripe) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const api = stripe.apiUrl ? new URL(stripe.apiUrl) : undefined;
  const clients = new StripeClients(
    stripeKeySource(stripe, region),
    api ? { host: api.hostname, port: Number(api.port), protocol: api.protocol === 'https:' ? 'https' : 'http' } : undefined,
  );
  const cards = new StripeCardPayments(clients);
  const base = await cardStorage();
  const crypto = btcpayAdapters();
  return {
    ...base,
    accounts: new DynamoProviderAccounts(base.db, tableName),
    claims: new DynamoWebhookClaims(base.db, tableName),
    cardLimits: stripeAmountLimits,
    providerCustomers: cards,
    // A crypto checkout left open for an invoice is closed before a card page opens or a card pays it.
    checkouts: { card: cards, ...(crypto ? { crypto: crypto.checkout } : {}) } satisfies HostedCheckouts,
    savedMethods: cards,
    refunds: { card: cards } satisfies RefundProviders,
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

/**
 * The hosted checkouts there are, for functions that must close a checkout but work without card
 * payments (voiding an invoice, crypto payments): only those of the providers configured for this
 * function, since no other can have a page open.
 */
export async function hostedCheckouts(): Promise<HostedCheckouts> {
  if (config().stripe) return (await payments()).checkouts;
  const crypto = btcpayAdapters();
  return crypto ? { crypto: crypto.checkout } : {};
}

/** The refunds there are: cards' when a card processor is configured (crypto payments are not refunded). */
export async function refundProviders(): Promise<RefundProviders> {
  return config().stripe ? (await payments()).refunds : {};
}
