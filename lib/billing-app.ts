import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BillingStack } from './billing-stack.js';

export const stackName = 'HostingBilling';

/**
 * Adds the billing stack to an app, configured from context (`-c name=value` or cdk.json), and
 * checks the whole app with cdk-nag's AwsSolutions rules at synth: an unacknowledged finding fails
 * `cdk synth` and `cdk deploy`. Acknowledgements are also written into the template's metadata, so
 * the reasons travel with what is deployed.
 *
 * Context: sellerName, sellerAddress (lines separated by \n), sellerEmail; sesFromEmail (with
 * sesFromName, sesRegion) to send Cognito's email through SES; threatProtection=false for Cognito's
 * Essentials plan; allowedOrigins=https://a,https://b for CORS; tracing=true for X-Ray; appUrl when
 * customers reach the app by another address than the CloudFront one; stripeSecretArn for card
 * payments (a Secrets Manager secret `{"secretKey": "sk_…", "webhookSecret": "whsec_…"}`).
 */
export function configureApp(app: App): BillingStack {
  const context = (name: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(name);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const sesFromEmail = context('sesFromEmail');
  const sesFromName = context('sesFromName');
  const sesRegion = context('sesRegion');
  const allowedOrigins = context('allowedOrigins');
  const appUrl = context('appUrl');
  const stripeSecretArn = context('stripeSecretArn');

  // Account and region only when the CLI knows both; otherwise the stack is environment-agnostic,
  // so `cdk synth` needs no AWS credentials.
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const region = process.env.CDK_DEFAULT_REGION;

  const stack = new BillingStack(app, stackName, {
    description: 'Billing for a web-hosting provider: customers, invoices, payments',
    ...(account && region ? { env: { account, region } } : {}),
    seller: {
      name: context('sellerName') ?? 'Example Hosting Ltd',
      address: context('sellerAddress') ?? '',
      email: context('sellerEmail') ?? 'billing@example.com',
    },
    ...(sesFromEmail
      ? {
          ses: {
            fromEmail: sesFromEmail,
            ...(sesFromName ? { fromName: sesFromName } : {}),
            ...(sesRegion ? { sesRegion } : {}),
          },
        }
      : {}),
    threatProtection: context('threatProtection') !== 'false',
    ...(allowedOrigins ? { allowedOrigins: allowedOrigins.split(',').map((origin) => origin.trim()) } : {}),
    tracing: context('tracing') === 'true',
    ...(appUrl ? { appUrl } : {}),
    ...(stripeSecretArn ? { stripeSecretArn } : {}),
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return stack;
}
