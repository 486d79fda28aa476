import * as z from 'zod';
import type { FundsLimits } from './use-cases/add-funds.js';
import type { BillingSchedulePolicy } from './domain/billing-schedule.js';
import type { ServicePolicy } from './domain/service-policy.js';
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
  /** Days before the due date the reminder email goes out; 0 sends none. */
  REMINDER_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(3),
  /** Days after the due date a declined charge is tried again, comma-separated ("3,5,7"); empty: no retries. */
  DUNNING_RETRY_DAYS: z.string().regex(/^(\d{1,3}(,\d{1,3})*)?$/).default('3,5,7'),
  /** The hour of the day (0–23) reminders and charges happen, in BILLING_TIME_ZONE. */
  BILLING_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  /** The provider's IANA time zone, e.g. Europe/Dublin. */
  BILLING_TIME_ZONE: z.string().refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'Must be an IANA time zone such as Europe/Dublin').default('UTC'),
  /** Days before a service's due date its invoice is issued. */
  SERVICE_INVOICE_DAYS_BEFORE: z.coerce.number().int().min(0).max(90).default(7),
  /** Days an invoice of a service may be overdue before the service is suspended; 0: never suspended. */
  SUSPEND_AFTER_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /**
   * A card payment whose processor fee is more than this share of it is flagged for staff, in percent
   * with at most two decimals ("4", "3.5"); exactly at it is not flagged.
   */
  FEE_FLAG_PERCENT: z.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'Must be a percentage such as 4 or 3.5').default('4'),
  /** The EventBridge bus the billing events go to; unset locally, where the staff page of events is the bus. */
  EVENT_BUS_NAME: z.string().min(1).optional(),
  /** The EventBridge Scheduler group, the invoice-work queue it sends to, the role it sends with, its DLQ. */
  SCHEDULE_GROUP_NAME: z.string().min(1).optional(),
  INVOICE_WORK_QUEUE_ARN: z.string().min(1).optional(),
  SCHEDULER_ROLE_ARN: z.string().min(1).optional(),
  SCHEDULER_DLQ_ARN: z.string().min(1).optional(),
  /** Only set locally: the local stand-in of EventBridge Scheduler's API. */
  SCHEDULER_ENDPOINT: z.url().optional(),
  /** Only set locally: the clock may be moved (`npm start`'s clock control); see currentClockOffsetMs. */
  ADJUSTABLE_CLOCK: z.enum(['true', 'false']).default('false'),
  /** What one Add Funds may be, in the account's currency, as a decimal ("5.00", "2000.00"). */
  FUNDS_MINIMUM: z.string().regex(/^\d+(\.\d+)?$/).default('5.00'),
  FUNDS_MAXIMUM: z.string().regex(/^\d+(\.\d+)?$/).default('2000.00'),
  /** Limits for particular currencies, overriding the two above: "JPY:500-300000,KRW:5000-3000000". */
  FUNDS_LIMITS: z.string().regex(/^([A-Z]{3}:\d+(\.\d+)?-\d+(\.\d+)?(,[A-Z]{3}:\d+(\.\d+)?-\d+(\.\d+)?)*)?$/, 'Must read like "JPY:500-300000,KRW:5000-3000000"').default(''),
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

export interface SchedulerSettings {
  readonly groupName: string;
  readonly queueArn: string;
  readonly roleArn: string;
  readonly deadLetterQueueArn: string;
  readonly endpoint?: string;
}

/** Where the BTCPay Server is, and where its keys come from. */
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
  /** The least and most one Add Funds may be, as decimals in the account's currency (add-funds.ts FundsLimits). */
  funds: FundsLimits;
  /** When reminders, charges and their retries happen. */
  schedule: BillingSchedulePolicy;
  /** When services are invoiced and suspended. */
  services: ServicePolicy;
  /** Which card payments are flagged for their processor fee: above this share, in basis points. */
  fees: { flagAboveBasisPoints: number };
  /** Unset locally: events are then only recorded (the staff page of events). */
  eventBusName: string | undefined;
  /** Where the automatic work is scheduled; unset in functions that schedule nothing. */
  scheduler: SchedulerSettings | undefined;
  /** True only locally: the clock may be moved forward by the clock control. */
  adjustableClock: boolean;
  /** Unset when PayPal is not configured: PayPal is then not offered. */
  paypal: PayPalSettings | undefined;
  /** Unset when no BTCPay Server is configured: crypto payments are then unavailable. */
  btcpay: BtcpaySettings | undefined;
  /** Who may pay by crypto (the provider's numbers, from CDK context settings). */
  establishedCustomer: EstablishedCustomerRule;
  /** How billing email is sent (functions/handlers/composition/mail.ts). */
  mail: MailSettings;
}>;

export interface MailSettings {
  readonly fromEmail: string;
  readonly fromName: string;
  readonly configurationSet: string | undefined;
  readonly sesEndpoint: string | undefined;
}

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
    funds: {
      minimum: e.FUNDS_MINIMUM,
      maximum: e.FUNDS_MAXIMUM,
      byCurrency: Object.fromEntries(e.FUNDS_LIMITS.split(',').filter(Boolean).map((part) => {
        const [code, range] = part.split(':') as [string, string];
        const [minimum, maximum] = range.split('-') as [string, string];
        return [code, { minimum, maximum }];
      })),
    },
    scheduler: e.SCHEDULE_GROUP_NAME && e.INVOICE_WORK_QUEUE_ARN && e.SCHEDULER_ROLE_ARN && e.SCHEDULER_DLQ_ARN
      ? {
        groupName: e.SCHEDULE_GROUP_NAME, queueArn: e.INVOICE_WORK_QUEUE_ARN, roleArn: e.SCHEDULER_ROLE_ARN, deadLetterQueueArn: e.SCHEDULER_DLQ_ARN,
        ...(e.SCHEDULER_ENDPOINT ? { endpoint: e.SCHEDULER_ENDPOINT } : {}),
      }
      : undefined,
    adjustableClock: e.ADJUSTABLE_CLOCK === 'true',
    schedule: {
      reminderDaysBefore: e.REMINDER_DAYS_BEFORE,
      retryDaysAfterDue: e.DUNNING_RETRY_DAYS ? e.DUNNING_RETRY_DAYS.split(',').map(Number) : [],
      hourOfDay: e.BILLING_HOUR,
      timeZone: e.BILLING_TIME_ZONE,
    },
    services: { invoiceDaysBefore: e.SERVICE_INVOICE_DAYS_BEFORE, suspendAfterDays: e.SUSPEND_AFTER_DAYS },
    fees: { flagAboveBasisPoints: Math.round(Number(e.FEE_FLAG_PERCENT) * 100) },
    eventBusName: e.EVENT_BUS_NAME,
    paypal: paypalSettings(e),
    btcpay: btcpaySettings(e),
    establishedCustomer: { minAccountAgeDays: e.CRYPTO_MIN_ACCOUNT_AGE_DAYS, minPaidInvoices: e.CRYPTO_MIN_PAID_INVOICES },
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

let cachedMessages: MessageConfig | undefined;

/** The Custom Message trigger's configuration, parsed on first use and kept. */
export function messageConfig(): MessageConfig {
  cachedMessages ??= parseMessageConfig(process.env);
  return cachedMessages;
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

/**
 * How far `npm start`'s clock control has moved the clock, in milliseconds: read on every use (the
 * control moves it while the process runs). Only the local runtime sets it; in AWS it is never read.
 */
export function currentClockOffsetMs(): number {
  return Number(process.env['BILLING_CLOCK_OFFSET_MS'] ?? 0) || 0;
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
