import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BillingStack } from '../lib/billing-stack.js';

/**
 * Deploy with `npx cdk deploy`; settings come from context (`-c name=value` or cdk.json):
 * sellerName, sellerAddress (lines separated by \n), sellerEmail; sesFromEmail (and sesFromName,
 * sesRegion) to send Cognito's email through SES; threatProtection=false for Cognito's Essentials
 * plan; allowedOrigins=https://a,https://b for CORS; tracing=true for X-Ray.
 */
const app = new App();

function context(name: string): string | undefined {
  const value: unknown = app.node.tryGetContext(name);
  return value === undefined || value === null || value === '' ? undefined : String(value);
}

const sesFromEmail = context('sesFromEmail');
const sesFromName = context('sesFromName');
const sesRegion = context('sesRegion');
const allowedOrigins = context('allowedOrigins');

// Account and region only when the CLI knows them; otherwise the stack is environment-agnostic, so
// `cdk synth` needs no AWS credentials.
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

new BillingStack(app, 'HostingBilling', {
  description: 'Billing for a web-hosting provider: invoices, customers, payments',
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
  ...(allowedOrigins ? { allowedOrigins: allowedOrigins.split(',').map((o) => o.trim()) } : {}),
  tracing: context('tracing') === 'true',
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
