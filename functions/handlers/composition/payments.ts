import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRETS_CALL_LIMITS, awsClientOptions } from '../../adapters/aws/aws-client-options.js';
import { DynamoPaymentBatches } from '../../adapters/dynamodb/dynamo-payment-batches.js';
import { DynamoPaymentFeeRecords } from '../../adapters/dynamodb/dynamo-payment-fee-records.js';
import { DynamoPayPalPlans } from '../../adapters/dynamodb/dynamo-paypal-plans.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoProviderAccounts } from '../../adapters/dynamodb/dynamo-provider-accounts.js';
import { DynamoWebhookClaims } from '../../adapters/dynamodb/dynamo-webhook-claims.js';
import { SigningCertificates, paypalTrust, sandboxTrust } from '../../adapters/paypal/certificate-trust.js';
import { paypalAmountLimits } from '../../adapters/paypal/paypal-amount-limits.js';
import { PayPalCheckout } from '../../adapters/paypal/paypal-checkout.js';
import { PayPalClients } from '../../adapters/paypal/paypal-client.js';
import { PayPalSubscriptions } from '../../adapters/paypal/paypal-subscriptions.js';
import { PayPalWebhookSource } from '../../adapters/paypal/paypal-webhook-source.js';
import { paypalCredentialsFromEnvironment } from '../../adapters/secrets/environment-paypal-credentials.js';
import { stripeKeysFromEnvironment } from '../../adapters/secrets/environment-stripe-keys.js';
import type { PayPalCredentialSource } from '../../adapters/secrets/paypal-credentials.js';
import { paypalCredentialsFromSecretsManager } from '../../adapters/secrets/secrets-manager-paypal-credentials.js';
import { stripeKeysFromSecretsManager } from '../../adapters/secrets/secrets-manager-stripe-keys.js';
import type { StripeKeySource } from '../../adapters/secrets/stripe-keys.js';
import { stripeAmountLimits } from '../../adapters/stripe/stripe-amount-limits.js';
import { StripeCardPayments } from '../../adapters/stripe/stripe-card-payments.js';
import { CUSTOMER_RATE_LIMIT_RETRIES } from '../../adapters/stripe/rate-limit-backoff.js';
import { StripeClients } from '../../adapters/stripe/stripe-client.js';
import { StripeWebhookSource } from '../../adapters/stripe/stripe-webhook-source.js';
import { NO_CARD_PROCESSOR, NoCardProcessor } from '../../adapters/unconfigured/no-card-processor.js';
import { type PayPalSettings, type StripeSettings, config, currentPayPalEnvironment, currentStripeEnvironment } from '../../config.js';
import { BusinessRuleError } from '../../domain/errors.js';
import type { HostedCheckouts } from '../../ports/payments/hosted-checkout.js';
import type { RecurringPaymentsByMethod } from '../../ports/payments/recurring-payments.js';
import type { RefundProviders } from '../../ports/payments/refunds.js';
import { btcpayAdapters } from './btcpay.js';
import { cardStorage } from './cards.js';

/**
 * Where the Stripe keys come from, asked on every use: a Secrets Manager secret in AWS (cached by
 * Powertools for a few minutes, so a rotated key is used without a restart), the environment locally.
 */
export function stripeKeySource(settings: StripeSettings, region: string): StripeKeySource {
  if (settings.source === 'environment') return stripeKeysFromEnvironment(currentStripeEnvironment);
  const client = new SecretsManagerClient(awsClientOptions({ region, limits: SECRETS_CALL_LIMITS }));
  return stripeKeysFromSecretsManager(settings.secretArn, { client });
}

/** Where the PayPal credentials come from, as for the Stripe keys (also for recurring.ts). */
export function paypalCredentialSource(settings: PayPalSettings, region: string): PayPalCredentialSource {
  if (settings.source === 'environment') return paypalCredentialsFromEnvironment(currentPayPalEnvironment);
  const client = new SecretsManagerClient(awsClientOptions({ region, limits: SECRETS_CALL_LIMITS }));
  return paypalCredentialsFromSecretsManager(settings.secretArn, { client });
}

/**
 * PayPal behind its capabilities (hosted checkout, capture of approved checkouts, refunds, amount
 * limits, subscriptions, whose plans it remembers in the table) and its webhook source. Locally PAYPAL_API_URL points the SDK at the sandbox, whose root
 * certificate is then the only one its webhooks may chain to; otherwise PayPal's own hosts and roots.
 */
function paypalParts(settings: PayPalSettings, region: string, brandName: string, plans: { db: DynamoDBDocumentClient; tableName: string }) {
  const clients = new PayPalClients(paypalCredentialSource(settings, region), settings.local ? { baseUrl: settings.local.apiUrl } : undefined);
  const trust = settings.local ? sandboxTrust(settings.local.apiUrl, settings.local.rootCertificatePem) : paypalTrust();
  return {
    checkout: new PayPalCheckout(clients, brandName),
    subscriptions: new PayPalSubscriptions(clients, new DynamoPayPalPlans(plans.db, plans.tableName), brandName),
    webhooks: new PayPalWebhookSource(clients, new SigningCertificates(trust)),
  };
}

/**
 * Stripe behind the card capabilities (provider customers, hosted checkout, saved methods, refunds)
 * and its webhook source. Locally STRIPE_API_URL points the SDK at the sandbox.
 */
function stripeParts(settings: StripeSettings, region: string) {
  const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  const clients = new StripeClients(
    stripeKeySource(settings, region),
    api ? { host: api.hostname, port: Number(api.port), protocol: api.protocol === 'https:' ? 'https' : 'http' } : undefined,
  );
  return { clients, cards: new StripeCardPayments(clients, CUSTOMER_RATE_LIMIT_RETRIES), webhooks: new StripeWebhookSource(clients) };
}

/**
 * The composition root for payments: each provider configured for this function (functions/config.ts)
 * behind the capabilities it offers: Stripe for cards, PayPal, BTCPay for crypto. None is required:
 * without a card processor the card capabilities are NoCardProcessor, which refuses every card step
 * as a business rule, and no card page or card refund is offered; everything else (credit, PayPal,
 * crypto, the automatic work's reminders and credit) works as with one.
 */
async function build() {
  const { stripe, paypal: paypalSettings, tableName, region, seller, fees } = config();
  const stripeSet = stripe ? stripeParts(stripe, region) : undefined;
  const noCards = new NoCardProcessor();
  const cards = stripeSet?.cards ?? noCards;
  const base = await cardStorage();
  const paypal = paypalSettings ? paypalParts(paypalSettings, region, seller.name, { db: base.db, tableName }) : undefined;
  const crypto = btcpayAdapters();
  return {
    ...base,
    accounts: new DynamoProviderAccounts(base.db, tableName),
    claims: new DynamoWebhookClaims(base.db, tableName),
    batches: new DynamoPaymentBatches(base.db, tableName),
    cardLimits: stripeSet ? stripeAmountLimits : noCards,
    providerCustomers: cards,
    paypalLimits: paypalAmountLimits,
    // A checkout left open for an invoice (PayPal's, a crypto one) is closed before another opens or a payment lands.
    checkouts: {
      ...(stripeSet ? { card: stripeSet.cards } : {}), ...(paypal ? { paypal: paypal.checkout } : {}), ...(crypto ? { crypto: crypto.checkout } : {}),
    } satisfies HostedCheckouts,
    captures: paypal ? { paypal: paypal.checkout } : {},
    savedMethods: cards,
    // A saved card's charge comes back with its fee, recorded with the payment (no second request).
    feePolicy: fees,
    feeRecords: new DynamoPaymentFeeRecords(base.db, tableName),
    refunds: { ...(stripeSet ? { card: stripeSet.cards } : {}), ...(paypal ? { paypal: paypal.checkout } : {}) } satisfies RefundProviders,
    recurring: (paypal ? { paypal: paypal.subscriptions } : {}) satisfies RecurringPaymentsByMethod,
    stripeWebhooks: stripeSet?.webhooks,
    paypalWebhooks: paypal?.webhooks,
    /** For a function that needs Stripe's adapter set otherwise (the automatic charges wait out a rate limit). */
    stripeClients: stripeSet?.clients,
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
 * The hosted checkouts there are, for functions that must close a checkout (voiding an invoice, crypto
 * payments): only those of the providers configured for this function, since no other can have a page open.
 */
export async function hostedCheckouts(): Promise<HostedCheckouts> {
  return (await payments()).checkouts;
}

/**
 * The providers that can refund, for functions that refund but also work without them (a refund to
 * account credit needs no processor; crypto payments are not refunded through BTCPay).
 */
export async function refundProviders(): Promise<RefundProviders> {
  return (await payments()).refunds;
}

/** The Stripe webhook source: only where Stripe is configured (the stripe-webhook route's function). */
export async function stripeWebhooks(): Promise<NonNullable<Awaited<ReturnType<typeof build>>['stripeWebhooks']>> {
  const deps = await payments();
  if (!deps.stripeWebhooks) throw new BusinessRuleError(NO_CARD_PROCESSOR);
  return deps.stripeWebhooks;
}

/** The PayPal webhook source: only where PayPal is configured (the paypal-webhook route's function). */
export async function paypalWebhooks(): Promise<NonNullable<Awaited<ReturnType<typeof build>>['paypalWebhooks']>> {
  const deps = await payments();
  if (!deps.paypalWebhooks) throw new BusinessRuleError('PayPal payments are not set up for this account yet.');
  return deps.paypalWebhooks;
}
