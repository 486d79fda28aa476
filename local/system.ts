import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoAnnouncementRepository } from '../functions/adapters/dynamodb/dynamo-announcement-repository.js';
import { DynamoCustomerRepository } from '../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceRepository } from '../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { randomIdGenerator } from '../functions/adapters/ids/random-id-generator.js';
import { config, currentClockOffsetMs } from '../functions/config.js';
import * as z from 'zod';
import { type ApiServer, type LocalRoute, startApiServer } from './api-server.js';
import { type ClockState, type LocalAutomation, startLocalAutomation } from './automation.js';
import type { ClockView } from './clock-view.js';
import { ensureLocalDataFormat } from './data-format.js';
import { activeUserCheck, createUser, ensureUserPool, startCognitoLocal } from './cognito-local.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local.js';
import { startLambdaInvokeServer } from './lambda-invoke.js';
import { invocationScopes, invokeAsLambda } from './lambda-invocation.js';
import { type MailServer, startMailServer } from './mail.js';
import { type SeedLogins, seed } from './seed.js';
import { type PayPalSandbox, startPayPalSandbox } from './paypal-sandbox/index.js';
import { type BtcpaySandbox, startBtcpaySandbox } from './btcpay-sandbox/index.js';
import { type StripeSandbox, startStripeSandbox } from './stripe-sandbox/index.js';
import { ensureTable } from './table.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LocalSystemOptions {
  /** The web app's and API's port; 0 picks a free one. */
  port?: number;
  /** Start with empty data kept in memory (and a temporary folder), instead of `.local-data/`. */
  inMemory?: boolean;
  /** Where data is kept when not in memory. */
  dataDir?: string;
  /** Print the services' own output. */
  verbose?: boolean;
  /** Every code the sign-in service sends is this one (tests). */
  fixedCode?: string;
  /**
   * Payment providers left unconfigured, as for a provider without them (their sandboxes still run,
   * but no function is given their settings): tests of a stack without cards, PayPal or crypto.
   */
  without?: readonly ('stripe' | 'paypal' | 'btcpay')[];
}

/** The settings that configure each payment provider (functions/config.ts). */
const PROVIDER_SETTINGS = {
  stripe: ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_API_URL'],
  paypal: ['PAYPAL_CLIENT_ID', 'PAYPAL_CLIENT_SECRET', 'PAYPAL_WEBHOOK_ID', 'PAYPAL_ENVIRONMENT', 'PAYPAL_API_URL', 'PAYPAL_SANDBOX_ROOT_CERT'],
  btcpay: ['BTCPAY_URL', 'BTCPAY_API_KEY', 'BTCPAY_STORE_ID', 'BTCPAY_WEBHOOK_SECRET'],
} as const;

export interface LocalSystem {
  url: string;
  mailViewerUrl: string;
  mail: MailServer;
  /** The local Stripe: its hosted card pages, and switches for faults in tests. */
  stripe: StripeSandbox;
  /** The secret the sandbox signs its webhooks with, for tests that deliver events themselves. */
  stripeWebhookSecret: string;
  /** The local PayPal: its approval pages, signed webhooks (`signDelivery` for tests), and fault switches. */
  paypal: PayPalSandbox;
  /** The local BTCPay Server: its checkout pages, store settings, clock and fault switches. */
  btcpay: BtcpaySandbox;
  /** The secret the BTCPay sandbox signs its webhooks with (`BTCPay-Sig`). */
  btcpayWebhookSecret: string;
  cognito: { endpoint: string; userPoolId: string; clientId: string };
  dynamoDbEndpoint: string;
  tableName: string;
  logins: SeedLogins;
  /** The moveable clock, the local scheduler and the outbox stream: `advance` is the clock control. */
  automation: LocalAutomation;
  stop(): Promise<void>;
}

const TABLE_NAME = 'billing';
/** The SES configuration set billing email is sent with; its events go to the feedback handler. */
const SES_CONFIGURATION_SET = 'billing-local';
/** The user pool's Custom Message trigger, by the name cognito-local invokes it with. */
const CUSTOM_MESSAGE_FUNCTION = 'billing-cognito-custom-message';
/** Shared by the local Stripe sandbox (which signs) and the webhook handler (which verifies). */
const STRIPE_WEBHOOK_SECRET = 'whsec_local_sandbox_secret';
/** The local PayPal REST app and webhook: shared by the sandbox and the functions, as the environment holds them. */
const PAYPAL_APP = { clientId: 'local-sandbox-client', clientSecret: 'local-sandbox-secret', webhookId: 'WH-LOCAL-SANDBOX-0001' };
/** The same for the local BTCPay sandbox and POST /webhooks/btcpay; its API key and store are fixed too. */
const BTCPAY = { webhookSecret: 'btcpay_local_sandbox_secret', apiKey: '0123456789abcdef0123456789abcdef01234567', storeId: 'LocalSandboxStore1111111111111111111111111111' };
const SELLER = {
  SELLER_NAME: 'Example Hosting Ltd',
  SELLER_ADDRESS: '1 Server Street\\nDublin D02 XY00, Ireland\\nVAT IE1234567X',
  SELLER_EMAIL: 'billing@example-hosting.test',
};

/**
 * The whole system on one machine, on loopback: DynamoDB Local, cognito-local, the local SES with its
 * mail viewer, and the HTTP server that runs the deployed handler code. `npm start` and the end-to-end
 * tests both start it through here. Stops every child process on `stop()`.
 */
export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  // Before the first AWS SDK call: each invocation in a scope of its own (lambda-invocation.ts).
  await invocationScopes();
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const dataDir = options.inMemory
      ? await mkdtemp(path.join(tmpdir(), 'billing-local-'))
      : path.resolve(options.dataDir ?? path.join(repoRoot, '.local-data'));
    if (options.inMemory) stops.push(() => rm(dataDir, { recursive: true, force: true }));
    else {
      const movedTo = await ensureLocalDataFormat(dataDir);
      if (movedTo) process.stderr.write(`Local data from an older version was moved to ${movedTo}; starting with fresh demo data.\n`);
    }
    const echo = options.verbose ?? false;
    // Before any handler module loads (the automation loads some at once): its logger reads these when built.
    Object.assign(process.env, {
      POWERTOOLS_SERVICE_NAME: 'billing', POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? (echo ? 'INFO' : 'WARN'),
    });

    const [mail, dynamo, stripe, paypal, btcpay] = await Promise.all([
      // SES's notifications (bounces) are stamped by the clock the control moves, as the functions' own times are.
      startMailServer({ echo, now: () => Date.now() + currentClockOffsetMs() }),
      startDynamoDbLocal({ echo, ...(options.inMemory ? {} : { dataDir: path.join(dataDir, 'dynamodb') }) }),
      startStripeSandbox({
        webhookSecret: STRIPE_WEBHOOK_SECRET,
        // The functions' clock, moved by the clock control (the PayPal and BTCPay sandboxes too): a card
        // page opened a month on must not expire, by the sandbox's reckoning, weeks after the 24 hours
        // Stripe allows.
        now: () => Date.now() + currentClockOffsetMs(),
        ...(options.inMemory ? {} : { stateFile: path.join(dataDir, 'stripe-sandbox.json') }),
      }),
      startPayPalSandbox({
        ...PAYPAL_APP,
        now: () => Date.now() + currentClockOffsetMs(),
        // The signing key is made at first start and kept with the data, never in the repository.
        ...(options.inMemory ? {} : { stateFile: path.join(dataDir, 'paypal-sandbox.json'), identityFile: path.join(dataDir, 'paypal-sandbox-identity.json') }),
      }),
      startBtcpaySandbox({
        ...BTCPAY,
        // Crypto checkouts expire on the clock the control moves, as they would while a month passed.
        now: () => Date.now() + currentClockOffsetMs(),
        ...(options.inMemory ? {} : { stateFile: path.join(dataDir, 'btcpay-sandbox.json') }),
      }),
    ]);
    stops.push(() => mail.stop(), () => dynamo.stop(), () => stripe.stop(), () => paypal.stop(), () => btcpay.stop());

    // Our functions that others invoke by name (the user pool's trigger), as Lambda runs them.
    const lambda = await startLambdaInvokeServer({
      [CUSTOM_MESSAGE_FUNCTION]: async () => (await import('../functions/handlers/cognito-custom-message.js')).handler,
    });
    stops.push(() => lambda.stop());

    const cognito = await startCognitoLocal({
      dataDir: path.join(dataDir, 'cognito'),
      mail: { endpoint: mail.endpoint, from: SELLER.SELLER_EMAIL },
      customMessage: { lambdaEndpoint: lambda.url, functionName: CUSTOM_MESSAGE_FUNCTION },
      echo,
      ...(options.fixedCode ? { fixedCode: options.fixedCode } : {}),
    });
    stops.push(() => cognito.stop());
    const pool = await ensureUserPool(cognito.endpoint, { stateFile: path.join(dataDir, 'cognito-pool.json') });

    const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    await ensureTable(client, TABLE_NAME);
    client.destroy();

    const automation = await startLocalAutomation({
      dynamoDbEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      ...(options.inMemory ? {} : {
        stateFiles: {
          clock: path.join(dataDir, 'clock.json'), schedules: path.join(dataDir, 'schedules.json'), stream: path.join(dataDir, 'stream-positions.json'),
          serviceDays: path.join(dataDir, 'service-days.json'),
        },
      }),
      providersIdle: async () => { paypal.renewDue(); await Promise.all([stripe.webhooksIdle(), paypal.webhooksIdle()]); },
      log: (line) => process.stderr.write(`${line}\n`),
    });
    stops.push(() => automation.stop());

    // The handlers read their configuration from the environment, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME, AWS_REGION: LOCAL_REGION, DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      USER_POOL_ID: pool.userPoolId, COGNITO_ENDPOINT: cognito.endpoint,
      STRIPE_SECRET_KEY: 'sk_test_local_sandbox', STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url,
      PAYPAL_CLIENT_ID: PAYPAL_APP.clientId, PAYPAL_CLIENT_SECRET: PAYPAL_APP.clientSecret, PAYPAL_WEBHOOK_ID: PAYPAL_APP.webhookId,
      PAYPAL_ENVIRONMENT: 'sandbox', PAYPAL_API_URL: paypal.url, PAYPAL_SANDBOX_ROOT_CERT: paypal.rootCertificatePem,
      BTCPAY_URL: btcpay.url, BTCPAY_API_KEY: BTCPAY.apiKey, BTCPAY_STORE_ID: BTCPAY.storeId, BTCPAY_WEBHOOK_SECRET: BTCPAY.webhookSecret,
      ...automation.environment,
      SES_ENDPOINT: mail.endpoint, SES_CONFIGURATION_SET,
      ...SELLER,
    });
    for (const provider of options.without ?? []) for (const name of PROVIDER_SETTINGS[provider]) delete process.env[name];
    // What SES publishes for the configuration set (bounces, complaints, deliveries) reaches the same
    // handler as the deployed feedback topic's subscription.
    // Loaded now, as Lambda loads it, so its logger reads the environment set above.
    mail.deliverFeedbackTo(async (event) => invokeAsLambda('email-feedback', (await import('../functions/handlers/email-feedback.js')).handler, event));

    const db = dynamoDocumentClient({ region: LOCAL_REGION, endpoint: dynamo.endpoint });
    const staticDir = path.join(repoRoot, 'web', 'dist');
    const cognitoOrigin = new URL(cognito.endpoint).origin;
    const api: ApiServer = await startApiServer({
      port: options.port ?? 3000,
      now: () => Date.now() + currentClockOffsetMs(),
      auth: {
        jwksUrl: cognito.jwksUrl(pool.userPoolId), issuer: cognito.issuer(pool.userPoolId), clientId: pool.clientId,
        userIsActive: activeUserCheck(cognito.endpoint, pool.userPoolId),
      },
      webConfig: {
        apiBaseUrl: '',
        region: LOCAL_REGION,
        cognito: { endpoint: `${cognitoOrigin}/`, userPoolId: pool.userPoolId, clientId: pool.clientId },
        mailViewerUrl: mail.viewerUrl,
        environment: 'local',
      },
      connectSources: [cognitoOrigin],
      localRoutes: clockRoutes(automation, new DynamoInvoiceRepository(db, TABLE_NAME)),
      staticDir,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    stops.push(() => api.stop());
    process.env['APP_URL'] = api.url;
    stripe.setWebhookUrl(`${api.url}/webhooks/stripe`);
    paypal.setWebhookUrl(`${api.url}/webhooks/paypal`);
    btcpay.setWebhookUrl(`${api.url}/webhooks/btcpay`);
    // Seeded last: issuing its invoices sends their emails, which link to the web app (APP_URL).
    const logins = await seed({
      customers: new DynamoCustomerRepository(db, TABLE_NAME),
      invoices: new DynamoInvoiceRepository(db, TABLE_NAME),
      announcements: new DynamoAnnouncementRepository(db, TABLE_NAME),
      ids: randomIdGenerator,
      // The local clock, which a kept data folder may have moved on.
      now: new Date(Date.now() + currentClockOffsetMs()),
      schedulePolicy: config().schedule,
      createUser: (user) => createUser(cognito.endpoint, pool.userPoolId, user),
    });

    return {
      url: api.url,
      mailViewerUrl: mail.viewerUrl,
      mail,
      stripe,
      stripeWebhookSecret: STRIPE_WEBHOOK_SECRET,
      paypal,
      btcpay,
      btcpayWebhookSecret: BTCPAY.webhookSecret,
      cognito: { endpoint: cognito.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId },
      dynamoDbEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      logins,
      automation,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

const clockStep = z.strictObject({ advance: z.enum(['hour', 'day', 'next-event']) });

/**
 * The clock control (staff only, local only): `GET /v1/local/clock` says the local time and the next
 * scheduled work; `POST /v1/local/clock` with `{"advance": "hour" | "day" | "next-event"}` moves the
 * clock and answers once everything that became due is done, its emails in the mail viewer.
 */
function clockRoutes(automation: LocalAutomation, invoices: DynamoInvoiceRepository): LocalRoute[] {
  const view = async (state: ClockState): Promise<ClockView> => {
    const invoice = state.next ? await invoices.get(state.next.invoiceId) : undefined;
    return { ...state, ...(state.next ? { next: { ...state.next, invoiceNumber: invoice?.state.number } } : {}) };
  };
  return [
    { method: 'GET', path: '/v1/local/clock', handle: async () => ({ status: 200, body: await view(await automation.clock()) }) },
    {
      method: 'POST',
      path: '/v1/local/clock',
      handle: async (body) => {
        const parsed = clockStep.safeParse(body);
        if (!parsed.success) {
          return { status: 400, body: { error: { code: 'validation_failed', message: 'advance: must be "hour", "day" or "next-event".' } } };
        }
        return { status: 200, body: await view(await automation.advance(parsed.data.advance)) };
      },
    },
  ];
}
