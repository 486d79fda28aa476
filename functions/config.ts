import * as z from 'zod';

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
  /** What one Add Funds may be, in the account's currency, as a decimal ("5.00", "2000.00"). */
  FUNDS_MINIMUM: z.string().regex(/^\d+(\.\d+)?$/).default('5.00'),
  FUNDS_MAXIMUM: z.string().regex(/^\d+(\.\d+)?$/).default('2000.00'),
  /** In AWS: a Secrets Manager secret holding `{"clientId", "clientSecret", "webhookId", "environment"?: "live" | "sandbox"}`. */
  PAYPAL_SECRET_ARN: z.string().min(1).optional(),
  /** Locally, or without Secrets Manager: the credentials themselves. */
  PAYPAL_CLIENT_ID: z.string().min(1).optional(),
  PAYPAL_CLIENT_SECRET: z.string().min(1).optional(),
  PAYPAL_WEBHOOK_ID: z.string().min(1).optional(),
  /** `live` (default) or `sandbox`: which PayPal the credentials belong to. */
  PAYPAL_ENVIRONMENT: z.enum(['live', 'sandbox']).optional(),
  /** Only set to use the local PayPal sandbox, e.g. http://127.0.0.1:12112, with its root certificate (PEM). */
  PAYPAL_API_URL: z.url().optional(),
  PAYPAL_SANDBOX_ROOT_CERT: z.string().includes('BEGIN CERTIFICATE').optional(),
  /** The address billing email is sent from (SES-verified); defaults to SELLER_EMAIL. */
  SES_FROM_EMAIL: z.email().optional(),
  /** The sender's display name; defaults to SELLER_NAME. */
  SES_FROM_NAME: z.string().min(1).optional(),
  /** The SES configuration set whose event destination publishes bounces, complaints and deliveries. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Only set locally (aws-ses-v2-local). Unset in AWS, where the SDK finds the regional endpoint. */
  SES_ENDPOINT: z.url().optional(),
});

export type StripeSettings =
  | { source: 'secrets-manager'; secretArn: string; apiUrl?: string }
  | { source: 'environment'; secretKey: string; webhookSecret: string; apiUrl?: string };

/**
 * Where the PayPal credentials come from, and which PayPal they are for. `local` is the local sandbox:
 * its base URL, and the root certificate its webhooks chain to, trusted only then.
 */
export type PayPalSettings =
  & ({ source: 'secrets-manager'; secretArn: string } | { source: 'environment' })
  & { local?: { apiUrl: string; rootCertificatePem: string } };

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
  /** The least and most one Add Funds may be, as decimals in the account's currency. */
  funds: { minimum: string; maximum: string };
  /** Unset when PayPal is not configured: PayPal is then not offered. */
  paypal: PayPalSettings | undefined;
  /** How billing email is sent (functions/handlers/composition/mail.ts). */
  mail: MailSettings;
}>;

export interface MailSettings {
  readonly fromEmail: string;
  readonly fromName: string;
  readonly configurationSet: string | undefined;
  readonly sesEndpoint: string | undefined;
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

function paypalSettings(e: z.infer<typeof schema>): PayPalSettings | undefined {
  if (!!e.PAYPAL_API_URL !== !!e.PAYPAL_SANDBOX_ROOT_CERT) {
    throw new Error('Invalid or missing environment variables: PAYPAL_API_URL and PAYPAL_SANDBOX_ROOT_CERT go together (the local sandbox)');
  }
  const local = e.PAYPAL_API_URL && e.PAYPAL_SANDBOX_ROOT_CERT ? { local: { apiUrl: e.PAYPAL_API_URL, rootCertificatePem: e.PAYPAL_SANDBOX_ROOT_CERT } } : {};
  if (e.PAYPAL_SECRET_ARN) return { source: 'secrets-manager', secretArn: e.PAYPAL_SECRET_ARN, ...local };
  const given = [e.PAYPAL_CLIENT_ID, e.PAYPAL_CLIENT_SECRET, e.PAYPAL_WEBHOOK_ID].filter(Boolean).length;
  if (given === 3) return { source: 'environment', ...local };
  if (given > 0) throw new Error('Invalid or missing environment variables: PAYPAL_CLIENT_ID, PAYPAL_CLIENT_SECRET and PAYPAL_WEBHOOK_ID go together');
  return undefined;
}

function sellerOf(e: { SELLER_NAME: string; SELLER_ADDRESS: string; SELLER_EMAIL: string }): Config['seller'] {
  return {
    name: e.SELLER_NAME,
    addressLines: e.SELLER_ADDRESS.split('\\n').flatMap((l) => l.split('\n')).filter(Boolean),
    email: e.SELLER_EMAIL,
  };
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
    seller: sellerOf(e),
    appUrl: e.APP_URL?.replace(/\/$/, ''),
    stripe: stripeSettings(e),
    funds: { minimum: e.FUNDS_MINIMUM, maximum: e.FUNDS_MAXIMUM },
    paypal: paypalSettings(e),
    mail: {
      fromEmail: e.SES_FROM_EMAIL ?? e.SELLER_EMAIL,
      fromName: e.SES_FROM_NAME ?? e.SELLER_NAME,
      configurationSet: e.SES_CONFIGURATION_SET,
      sesEndpoint: e.SES_ENDPOINT,
    },
  };
}

/** What the sign-in service's message trigger needs: only the seller and the web app's address. */
export type MessageConfig = Readonly<{ seller: Config['seller']; appUrl: string }>;

const messageSchema = schema.pick({ SELLER_NAME: true, SELLER_ADDRESS: true, SELLER_EMAIL: true, APP_URL: true })
  .required({ APP_URL: true });

/**
 * The settings of the Cognito Custom Message trigger (functions/handlers/cognito-custom-message.ts),
 * which has no table: the seller, and the web app's address its emails link to.
 */
export function parseMessageConfig(env: NodeJS.ProcessEnv): MessageConfig {
  const parsed = messageSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid or missing environment variables: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const e = parsed.data;
  return {
    seller: sellerOf(e),
    appUrl: e.APP_URL.replace(/\/$/, ''),
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

/** The local PayPal credentials as the environment holds them now (read on every use, as for Stripe). */
export function currentPayPalEnvironment(): {
  clientId?: string | undefined; clientSecret?: string | undefined; webhookId?: string | undefined; environment?: string | undefined;
} {
  return {
    clientId: process.env['PAYPAL_CLIENT_ID'], clientSecret: process.env['PAYPAL_CLIENT_SECRET'],
    webhookId: process.env['PAYPAL_WEBHOOK_ID'], environment: process.env['PAYPAL_ENVIRONMENT'],
  };
}
