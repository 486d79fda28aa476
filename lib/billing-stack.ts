import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes } from '../functions/handlers/routes.js';
import { Api } from './api.js';
import { Auth, type SesEmailSettings } from './auth.js';
import { BillingTable } from './data.js';
import { Spa, apiPathPatterns } from './spa.js';

/** Who sends the invoices: printed on every invoice and used as the sender of billing email. */
export interface Seller {
  readonly name: string;
  /** Postal address and tax details, lines separated by `\n`. */
  readonly address: string;
  readonly email: string;
}

export interface BillingStackProps extends StackProps {
  readonly seller: Seller;
  /** Cognito email through SES. @default Cognito's built-in email */
  readonly ses?: SesEmailSettings;
  /** Cognito Plus plan with threat protection. @default true */
  readonly threatProtection?: boolean;
  /** Extra browser origins allowed to call the API directly (CORS). @default none */
  readonly allowedOrigins?: readonly string[];
  /** Active X-Ray tracing on the functions. @default false */
  readonly tracing?: boolean;
  /** The built web app. @default `<project>/web/dist` */
  readonly webDistDir?: string;
  /**
   * Where customers open the app, e.g. a custom domain in front of the distribution; payment
   * providers send customers back here. @default the CloudFront URL
   */
  readonly appUrl?: string;
  /**
   * ARN of a Secrets Manager secret `{"secretKey": "sk_…", "webhookSecret": "whsec_…"}` for Stripe.
   * @default - no card payments
   */
  readonly stripeSecretArn?: string;
}

/** The whole billing system in one stack: the books, who may sign in, the API, and the web app. */
export class BillingStack extends Stack {
  readonly data: BillingTable;
  readonly auth: Auth;
  readonly api: Api;
  readonly spa: Spa;

  constructor(scope: Construct, id: string, props: BillingStackProps) {
    super(scope, id, props);

    this.data = new BillingTable(this, 'Data');
    this.auth = new Auth(this, 'Auth', {
      ...(props.ses ? { ses: props.ses } : {}),
      ...(props.threatProtection === undefined ? {} : { threatProtection: props.threatProtection }),
    });
    this.api = new Api(this, 'Api', {
      table: this.data,
      auth: this.auth,
      // The variables functions/config.ts reads (AWS_REGION comes from Lambda itself).
      environment: {
        TABLE_NAME: this.data.tableName,
        USER_POOL_ID: this.auth.userPool.userPoolId,
        SELLER_NAME: props.seller.name,
        SELLER_ADDRESS: props.seller.address,
        SELLER_EMAIL: props.seller.email,
      },
      ...(props.allowedOrigins ? { allowedOrigins: props.allowedOrigins } : {}),
      ...(props.tracing === undefined ? {} : { tracing: props.tracing }),
      ...(props.stripeSecretArn ? { stripeSecret: importSecret(this, 'StripeSecret', props.stripeSecretArn) } : {}),
    });
    this.spa = new Spa(this, 'Web', {
      api: this.api,
      auth: this.auth,
      apiPaths: apiPathPatterns(routes.map((route) => route.path)),
      ...(props.webDistDir ? { webDistDir: props.webDistDir } : {}),
    });

    // Known only once the distribution exists, so added after the functions were made. Without it,
    // handlers would fall back to the browser's Origin header for return URLs.
    const appUrl = props.appUrl ?? this.spa.url;
    for (const fn of this.api.functions.values()) fn.function.addEnvironment('APP_URL', appUrl);

    new CfnOutput(this, 'WebUrl', { value: this.spa.url, description: 'The web app (and the API under /v1)' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The API endpoint itself' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.tableName });
  }
}

/**
 * A secret made outside the stack. A complete ARN ends in the 6 random characters Secrets Manager
 * adds to the name; grants on a partial one must allow any such suffix.
 */
function importSecret(scope: Construct, id: string, arn: string): ISecret {
  return /-[A-Za-z0-9]{6}$/.test(arn)
    ? Secret.fromSecretCompleteArn(scope, id, arn)
    : Secret.fromSecretPartialArn(scope, id, arn);
}
