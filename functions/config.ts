import * as z from 'zod';
import { DEFAULT_ESTABLISHED_CUSTOMER_RULE, type EstablishedCustomerRule } from './domain/established-customer.js';

/**
 * Every setting a Lambda function reads, parsed once at cold start. A missing or malformed variable
 * fails the cold start with its name, rather than surfacing later as an empty string.
 *
 * The CDK stack sets the same variables on every function; the local runtime sets them in-process
 * before it loads the handlers.
 */
const schema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1),
  /** Only set locally (DynamoDB Local). Unset in AWS, where the SDK finds the regional endpoint. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Only in the functions that manage users (`needs: ['userPool']` in routes.ts). */
  USER_POOL_ID: z.string().min(1).optional(),
  /** Only set locally (cognito-local). */
  COGNITO_ENDPOINT: z.url().optional(),
  SELLER_NAME: z.string().min(1),
  /** The seller's postal address and tax details as printed on invoices; lines separated by `\n`. */
  SELLER_ADDRESS: z.string().default(''),
  SELLER_EMAIL: z.email(),
  /** The web app's address, for the pages a payment provider sends the customer back to. */
  APP_URL: z.url().optional(),
  /** In AWS: a Secrets Manager secret holding `{"secretKey": "sk_…", "webhookSecret": "whsec_…"}`. */
  STRIPE_SECRET_ARN: z.string().min(1).optional(),
  /** Locally, or without Secrets Manager: the keys themselves. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Only set to use the local Stripe sandbox, e.g. http://127.0.0.1:12111. */
  STRIPE_API_URL: z.url().optional(),
  /** The BTCPay Server crypto payments go through (locally, the BTCPay sandbox), e.g. https://btcpay.example.com. */
  BTCPAY_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** In AWS: a Secrets Manager secret holding `{"apiKey": …, "storeId": …, "webhookSecret": …}`. */
  BTCPAY_SECRET_ARN: z.string().min(1).optional(),
  /** Locally, or without Secrets Manager: the keys themselves. */
  BTCPAY_API_KEY: z.string().min(1).optional(),
  BTCPAY_STORE_ID: z.string().min(1).optional(),
  BTCPAY_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Who may pay by crypto: accounts at least this many days old … */
  CRYPTO_MIN_ACCOUNT_AGE_DAYS: z.coerce.number().int().min(0).max(36_500).default(DEFAULT_ESTABLISHED_CUSTOMER_RULE.minAccountAgeDays),
  /** … with at least this many invoices paid by card or PayPal. */
  CRYPTO_MIN_PAID_INVOICES: z.coerce.number().int().min(0).max(1_000).default(DEFAULT_ESTABLISHED_CUSTOMER_RULE.minPaidInvoices),
});

export type StripeSettings =
  | { source: 'secrets-manager'; secretArn: string; apiUrl?: string }
  | { source: 'environment'; secretKey: string; webhookSecret: string; apiUrl?: string };

export type BtcpaySettings = { url: string } & (
  | { source: 'secrets-manager'; secretArn: string }
  | { source: 'environment' }
);

export type Config = Readonly<{
  tableName: string;
  region: string;
  dynamoDbEndpoint: string | undefined;
  userPoolId: string | undefined;
  cognitoEndpoint: string | undefined;
  seller: { name: string; addressLines: string[]; email: string };
  appUrl: string | undefined;
  /** Unset when no card processor is configured: card payments are then unavailable. */
  stripe: StripeSettings | undefined;
  /** Unset when no BTCPay Server is configured: crypto payments are then unavailable. */
  btcpay: BtcpaySettings | undefined;
  /** Who may pay by crypto (the provider's numbers, from CDK context settings). */
  establishedCustomer: EstablishedCustomerRule;
}>;

function btcpaySettings(e: z.infer<typeof schema>): BtcpaySettings | undefined {
  const keys = [e.BTCPAY_API_KEY, e.BTCPAY_STORE_ID, e.BTCPAY_WEBHOOK_SECRET];
  const someKeys = keys.some(Boolean);
  if (someKeys && !keys.every(Boolean)) {
    throw new Error('Invalid or missing environment variables: BTCPAY_API_KEY, BTCPAY_STORE_ID and BTCPAY_WEBHOOK_SECRET go together');
  }
  const credentials = Boolean(e.BTCPAY_SECRET_ARN) || someKeys;
  if (!e.BTCPAY_URL && !credentials) return undefined;
  if (!e.BTCPAY_URL || !credentials) {
    throw new Error('Invalid or missing environment variables: BTCPAY_URL goes with BTCPAY_SECRET_ARN (or with BTCPAY_API_KEY, BTCPAY_STORE_ID and BTCPAY_WEBHOOK_SECRET)');
  }
  const url = e.BTCPAY_URL.replace(/\/+$/, '');
  return e.BTCPAY_SECRET_ARN ? { url, source: 'secrets-manager', secretArn: e.BTCPAY_SECRET_ARN } : { url, source: 'environment' };
}

function stripeSettings(e: z.infer<typeof schema>): StripeSettings | undefined {
  const apiUrl = e.STRIPE_API_URL ? { apiUrl: e.STRIPE_API_URL } : {};
  if (e.STRIPE_SECRET_ARN) return { source: 'secrets-manager', secretArn: e.STRIPE_SECRET_ARN, ...apiUrl };
  if (e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET) {
    return { source: 'environment', secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, ...apiUrl };
  }
  if (e.STRIPE_SECRET_KEY || e.STRIPE_WEBHOOK_SECRET) {
    throw new Error('Invalid or missing environment variables: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET go together');
  }
  return undefined;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid or missing environment variables: ${names}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    region: e.AWS_REGION,
    dynamoDbEndpoint: e.DYNAMODB_ENDPOINT,
    userPoolId: e.USER_POOL_ID,
    cognitoEndpoint: e.COGNITO_ENDPOINT,
    seller: {
      name: e.SELLER_NAME,
      addressLines: e.SELLER_ADDRESS.split('\\n').flatMap((l) => l.split('\n')).filter(Boolean),
      email: e.SELLER_EMAIL,
    },
    appUrl: e.APP_URL?.replace(/\/$/, ''),
    stripe: stripeSettings(e),
    btcpay: btcpaySettings(e),
    establishedCustomer: { minAccountAgeDays: e.CRYPTO_MIN_ACCOUNT_AGE_DAYS, minPaidInvoices: e.CRYPTO_MIN_PAID_INVOICES },
  };
}

let cached: Config | undefined;

/** The configuration of this process, parsed on first use and kept. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/**
 * The local Stripe keys as the environment holds them at this moment. Read on every use, unlike the
 * rest of the configuration, so that a changed key takes effect without a restart, as a rotated
 * secret does in AWS (the local stand-in for Secrets Manager).
 */
export function currentStripeEnvironment(): { secretKey?: string | undefined; webhookSecret?: string | undefined } {
  return { secretKey: process.env['STRIPE_SECRET_KEY'], webhookSecret: process.env['STRIPE_WEBHOOK_SECRET'] };
}

/**
 * The local BTCPay keys as the environment holds them at this moment, read on every use like the
 * Stripe keys above (the local stand-in for a rotated secret in Secrets Manager).
 */
export function currentBtcpayEnvironment(): { apiKey?: string | undefined; storeId?: string | undefined; webhookSecret?: string | undefined } {
  return {
    apiKey: process.env['BTCPAY_API_KEY'], storeId: process.env['BTCPAY_STORE_ID'], webhookSecret: process.env['BTCPAY_WEBHOOK_SECRET'],
  };
}
