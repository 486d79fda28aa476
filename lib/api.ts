import { fileURLToPath } from 'node:url';
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { pdfBundleFiles } from '../functions/adapters/pdf/bundle-files.js';
import type { EstablishedCustomerRule } from '../functions/domain/established-customer.js';
import { type HandlerName, type Need, type RouteDefinition, routes } from '../functions/handlers/routes.js';
import type { Auth } from './auth.js';
import { BillingFunction } from './billing-function.js';
import type { BillingTable } from './data.js';

const handlersDir = fileURLToPath(new URL('../functions/handlers/', import.meta.url));

export interface ApiProps {
  readonly table: BillingTable;
  readonly auth: Auth;
  /** Set on every function, next to the defaults BillingFunction adds and what its binds set. */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Origins allowed to call the API from a browser. The web app needs none: CloudFront serves it and
   * the API from one origin. Use it for a local dev server or another front end.
   * @default - no CORS
   */
  readonly allowedOrigins?: readonly string[];
  /** @default false */
  readonly tracing?: boolean;
  /** Steady-state requests per second across the API, and the burst above it. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * The Secrets Manager secret holding `{"secretKey", "webhookSecret"}` for Stripe. Only the routes
   * that need `stripeSecret` may read it. @default - card payments answer that they are not set up
   */
  readonly stripeSecret?: ISecret;
  /**
   * The Secrets Manager secret holding `{"clientId", "clientSecret", "webhookId", "environment"?}` for
   * PayPal. Only the routes that need `paypalSecret` may read it. @default - PayPal is not offered
   */
  readonly paypalSecret?: ISecret;
  /**
   * BTCPay Server for crypto payments: its URL, the Secrets Manager secret holding
   * `{"apiKey", "storeId", "webhookSecret"}`, and who may pay by crypto. Only the routes that need
   * `btcpaySecret` may read it. @default - crypto payments answer that they are not set up
   */
  readonly btcpay?: { readonly url: string; readonly secret: ISecret; readonly establishedCustomer: EstablishedCustomerRule };
}

/**
 * The access kinds whose routes take no Cognito token, and why. Any other kind, including one added
 * to the route table later, gets the JWT authorizer: the default is closed.
 */
const tokenlessAccess: ReadonlyMap<string, string> = new Map([
  ['public', 'public by design in the route table; it serves no customer data.'],
  [
    'webhook',
    'called by a payment provider, which cannot hold a Cognito token; the handler verifies the ' +
      "provider's signature on the raw body instead.",
  ],
]);

/**
 * The HTTP API, built from the route table in functions/handlers/routes.ts: one function and one
 * route per entry, each function granted and configured from its entry alone (table access, needs,
 * timeout). Every route requires a valid Cognito token for the web app's client (the handlers check
 * the `admin` group themselves) except public and webhook routes.
 */
export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly functions: ReadonlyMap<HandlerName, BillingFunction>;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-api`,
      description: 'Billing API',
      createDefaultStage: false,
      ...(props.allowedOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: [...props.allowedOrigins],
              allowHeaders: ['authorization', 'content-type'],
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.POST,
                CorsHttpMethod.PATCH,
                CorsHttpMethod.DELETE,
              ],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No user identifiers or bodies: who asked is in the handler's logs under the same request id.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.auth.userPool, {
      userPoolClients: [props.auth.client],
      authorizerName: 'cognito-jwt',
    });

    const functions = new Map<HandlerName, BillingFunction>();
    for (const route of routes) {
      const fn = this.addRouteFunction(route, props);
      functions.set(route.handler, fn);
      const withoutToken = tokenlessAccess.get(route.access);
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route.handler)}Integration`, fn.function),
        ...(withoutToken ? {} : { authorizer }),
      });
      if (withoutToken && httpRoute) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path}: ${withoutToken}`,
        });
      }
    }
    this.functions = functions;
  }

  /** The API's own endpoint (execute-api), without a trailing slash. */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }

  /** The host name CloudFront uses to reach the API. */
  get domainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }

  private addRouteFunction(route: RouteDefinition, props: ApiProps): BillingFunction {
    const fn = new BillingFunction(this, constructId(route.handler), {
      entry: `${handlersDir}${route.handler}.ts`,
      description: `${route.method} ${route.path}`,
      environment: props.environment,
      timeout: Duration.seconds(route.timeout),
      ...(props.tracing === undefined ? {} : { tracing: props.tracing }),
      // Files read at run time travel in the bundle (the invoice PDF's fonts).
      ...((route.needs as readonly Need[]).includes('invoiceFonts') ? { files: pdfBundleFiles() } : {}),
    });
    fn.bindTable(props.table, route.table);
    bindNeeds(fn, route.needs, props);
    return fn;
  }
}

/** What the needs of the route table are met from. */
export type NeedSources = Pick<ApiProps, 'auth' | 'stripeSecret' | 'paypalSecret' | 'btcpay'>;

/** Meets each need (routes.ts `Need`) of a function, an API route's or another's. */
export function bindNeeds(fn: BillingFunction, needs: readonly Need[], sources: NeedSources): void {
  for (const need of needs) binders[need](fn, sources);
}

/**
 * How each need in the route table is met. Without a Stripe secret the card routes still exist, and
 * answer that card payments are not set up; without a PayPal secret, PayPal is not offered; without
 * BTCPay, the crypto routes say crypto payments are not set up.
 */
const binders: Record<Need, (fn: BillingFunction, props: NeedSources) => void> = {
  stripeSecret: (fn, { stripeSecret }) => {
    if (stripeSecret) fn.bindSecret('STRIPE_SECRET_ARN', stripeSecret);
  },
  paypalSecret: (fn, { paypalSecret }) => {
    if (paypalSecret) fn.bindSecret('PAYPAL_SECRET_ARN', paypalSecret);
  },
  btcpaySecret: (fn, { btcpay }) => {
    if (!btcpay) return;
    fn.bindSecret('BTCPAY_SECRET_ARN', btcpay.secret);
    fn.function.addEnvironment('BTCPAY_URL', btcpay.url);
    fn.function.addEnvironment('CRYPTO_MIN_ACCOUNT_AGE_DAYS', String(btcpay.establishedCustomer.minAccountAgeDays));
    fn.function.addEnvironment('CRYPTO_MIN_PAID_INVOICES', String(btcpay.establishedCustomer.minPaidInvoices));
  },
  userPool: (fn, { auth }) => fn.bindUserPool(auth, 'manage'),
  userInvitations: (fn, { auth }) => fn.bindUserPool(auth, 'invite'),
  userSignIn: (fn, { auth }) => fn.bindUserPool(auth, 'sign-in'),
  userLookup: (fn, { auth }) => fn.bindUserPool(auth, 'read'),
  // Met when the function is made: its bundle carries the fonts (see above).
  invoiceFonts: () => undefined,
};

/** `admin-create-customer` → `AdminCreateCustomer`. */
function constructId(handler: string): string {
  return handler
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
