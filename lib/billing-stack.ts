import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { routes } from '../functions/handlers/routes.js';
import { OperatorAlarms } from './alarms.js';
import { Api, type NeedSources } from './api.js';
import { Auth, type SesEmailSettings } from './auth.js';
import { Automation } from './automation.js';
import { type BillingRules, billingRuleEnvironment } from './billing-settings.js';
import { BillingTable } from './data.js';
import { BillingEmail } from './email.js';
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
  /**
   * The SES identity for Cognito's email and billing email. Billing email is sent from the stack's
   * region. @default Cognito's built-in email; billing email from the seller's address, which SES
   * must then have verified in the stack's region
   */
  readonly ses?: SesEmailSettings;
  /** Reminder, charge and retry timing, Add Funds limits. @default the functions' defaults (functions/config.ts) */
  readonly billingRules?: BillingRules;
  /** Cognito Plus plan with threat protection. @default true */
  readonly threatProtection?: boolean;
  /** Extra browser origins allowed to call the API directly (CORS). @default none */
  readonly allowedOrigins?: readonly string[];
  /** Active X-Ray tracing on the functions. @default false */
  readonly tracing?: boolean;
  /** The built web app. @default `<project>/web/dist` */
  readonly webDistDir?: string;
  /**
   * Where customers open the app; payment providers send customers back here.
   * @default the custom domain if there is one, else the CloudFront URL
   */
  readonly appUrl?: string;
  /**
   * The complete ARN (with the 6 characters Secrets Manager adds to the name) of a secret
   * `{"secretKey": "sk_…", "webhookSecret": "whsec_…"}` for Stripe. @default - no card payments
   */
  readonly stripeSecretArn?: string;
  /**
   * The complete ARN of a secret `{"clientId", "clientSecret", "webhookId", "environment"?: "live" |
   * "sandbox"}` for PayPal. @default - PayPal is not offered
   */
  readonly paypalSecretArn?: string;
  /**
   * Crypto payments: the BTCPay Server's URL, the complete ARN of a secret
   * `{"apiKey": …, "storeId": …, "webhookSecret": …}`, and who may pay by crypto. @default - no crypto payments
   */
  readonly btcpay?: {
    readonly url: string;
    readonly secretArn: string;
    readonly establishedCustomer: { readonly minAccountAgeDays: number; readonly minPaidInvoices: number };
  };
  /** Subscribed to the operator alarm topic. @default no subscriber (subscribe to the AlarmTopicArn output) */
  readonly alarmEmail?: string;
  /** The app's own host name and its ACM certificate in us-east-1. @default the CloudFront name */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** A CloudFront web ACL (see EdgeWebAclStack, or one of your own). @default none */
  readonly webAclArn?: string;
}

/**
 * The whole billing system in one stack: the books, who may sign in, the API, the web app, and the
 * operator's alarms. Termination protection is on unless the props turn it off: the stack holds the
 * books.
 */
export class BillingStack extends Stack {
  readonly data: BillingTable;
  readonly auth: Auth;
  readonly api: Api;
  readonly email: BillingEmail;
  readonly automation: Automation;
  readonly spa: Spa;
  readonly alarms: OperatorAlarms;

  constructor(scope: Construct, id: string, props: BillingStackProps) {
    super(scope, id, { ...props, terminationProtection: props.terminationProtection ?? true });

    this.data = new BillingTable(this, 'Data');
    this.auth = new Auth(this, 'Auth', {
      ...(props.ses ? { ses: props.ses } : {}),
      replyTo: props.seller.email,
      ...(props.threatProtection === undefined ? {} : { threatProtection: props.threatProtection }),
    });
    // What every function reads (functions/config.ts); the rest comes from each function's binds.
    const environment = {
      SELLER_NAME: props.seller.name,
      SELLER_ADDRESS: props.seller.address,
      SELLER_EMAIL: props.seller.email,
      ...billingRuleEnvironment(props.billingRules ?? {}),
    };
    const tracing = props.tracing === undefined ? {} : { tracing: props.tracing };
    const needs: NeedSources = {
      auth: this.auth,
      ...(props.stripeSecretArn
        ? { stripeSecret: Secret.fromSecretCompleteArn(this, 'StripeSecret', props.stripeSecretArn) }
        : {}),
      ...(props.paypalSecretArn
        ? { paypalSecret: Secret.fromSecretCompleteArn(this, 'PayPalSecret', props.paypalSecretArn) }
        : {}),
      ...(props.btcpay
        ? {
            btcpay: {
              url: props.btcpay.url,
              secret: Secret.fromSecretCompleteArn(this, 'BtcpaySecret', props.btcpay.secretArn),
              establishedCustomer: props.btcpay.establishedCustomer,
            },
          }
        : {}),
    };
    this.api = new Api(this, 'Api', {
      table: this.data,
      environment,
      ...needs,
      ...(props.allowedOrigins ? { allowedOrigins: props.allowedOrigins } : {}),
      ...tracing,
    });
    this.email = new BillingEmail(this, 'Email', {
      sender: {
        fromEmail: props.ses?.fromEmail ?? props.seller.email,
        ...(props.ses?.fromName ? { fromName: props.ses.fromName } : {}),
        ...(props.ses?.verifiedDomain ? { verifiedDomain: props.ses.verifiedDomain } : {}),
      },
      table: this.data,
      environment,
      ...tracing,
    });
    this.automation = new Automation(this, 'Automation', {
      table: this.data, email: this.email, environment, needs, ...(props.billingRules ? { billingRules: props.billingRules } : {}), ...tracing,
    });
    this.spa = new Spa(this, 'Web', {
      api: this.api,
      auth: this.auth,
      apiPaths: apiPathPatterns(routes.map((route) => route.path)),
      ...(props.webDistDir ? { webDistDir: props.webDistDir } : {}),
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
    });

    // Known only once the distribution exists, so added after the functions were made. Without it,
    // handlers would fall back to the browser's Origin header for return URLs.
    const appUrl = props.appUrl ?? this.spa.url;
    for (const fn of [...this.api.functions.values(), ...this.automation.functions]) fn.function.addEnvironment('APP_URL', appUrl);

    const messages = this.auth.addCustomMessages(
      { SELLER_NAME: props.seller.name, SELLER_ADDRESS: props.seller.address, SELLER_EMAIL: props.seller.email, APP_URL: appUrl },
      props.tracing === undefined ? {} : { tracing: props.tracing },
    );

    this.alarms = new OperatorAlarms(this, 'Alarms', props.alarmEmail ? { email: props.alarmEmail } : {});
    this.alarms.watchFunctions([...this.api.functions.values(), messages, ...this.automation.functions, this.email.feedback]);
    this.alarms.watchHttpApi(this.api.httpApi);
    const deadLetterQueues = { ...this.automation.deadLetterQueues, 'email feedback': this.email.feedbackDeadLetterQueue };
    for (const [what, queue] of Object.entries(deadLetterQueues)) this.alarms.watchDeadLetterQueue(queue, what);
    // Past a burst of due invoices (10,000 take under 2 minutes) and a few redeliveries, well before
    // a failing message's tenth receipt sends it to the dead-letter queue (about an hour).
    this.alarms.watchQueueAge(this.automation.scheduling.queue, 'invoice work', Duration.minutes(30));

    new CfnOutput(this, 'WebUrl', { value: this.spa.url, description: 'The web app (and the API under /v1)' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.spa.distribution.distributionDomainName,
      description: 'Point the custom domain’s CNAME (or alias) here',
    });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The API endpoint itself' });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.automation.events.bus.eventBusName, description: 'Billing events (source hosting-billing): add your rules here' });
    new CfnOutput(this, 'EventBusArn', { value: this.automation.events.bus.eventBusArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Operator alarms: subscribe here' });
  }
}
