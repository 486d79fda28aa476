import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BillingStack } from './billing-stack.js';
import { EdgeWebAclStack } from './edge-web-acl.js';
import { parseSettings } from './settings.js';

const baseStackName = 'HostingBilling';

/** `HostingBilling`, or `staging-HostingBilling` with the prefix `staging`. */
export function stackNameFor(prefix: string | undefined): string {
  return prefix ? `${prefix}-${baseStackName}` : baseStackName;
}

/**
 * Adds the billing stack to an app, configured from context (`-c name=value` or cdk.json; every
 * setting is validated first, see lib/settings.ts), and checks the whole app with cdk-nag's
 * AwsSolutions rules at synth: an unacknowledged finding fails `cdk synth` and `cdk deploy`.
 * Acknowledgements are also written into the template's metadata, so the reasons travel with what
 * is deployed.
 *
 * The stack's construct id is its name, so every physical name CDK derives from the construct path
 * (CloudFront's response headers policy, origin access control and function) carries the prefix, and
 * two copies (staging beside production, or another region) never share one.
 */
export function configureApp(app: App): BillingStack {
  // Account and region only when the CLI knows both (it has credentials); otherwise the stack is
  // environment-agnostic, so `cdk synth` needs none. (Without credentials the CLI still passes its
  // default region, which says nothing about where the stack will be deployed.)
  const account = process.env.CDK_DEFAULT_ACCOUNT || undefined;
  const region = account ? process.env.CDK_DEFAULT_REGION || undefined : undefined;
  const settings = parseSettings(app.node.getAllContext(), account && region ? { account, region } : {});
  const stackName = stackNameFor(settings.prefix);
  const env = account && region ? { env: { account, region } } : {};

  let webAclArn = settings.webAclArn;
  if (settings.wafRateLimit !== undefined) {
    // parseSettings made sure the account and region are known: cross-region references need both.
    const waf = new EdgeWebAclStack(app, `${stackName}-Waf`, {
      description: 'Billing for a web-hosting provider: the CloudFront web ACL (us-east-1)',
      account: account!,
      rateLimit: settings.wafRateLimit,
    });
    webAclArn = waf.webAcl.attrArn;
  }

  const stack = new BillingStack(app, stackName, {
    description: 'Billing for a web-hosting provider: customers, invoices, payments',
    ...env,
    ...(settings.wafRateLimit !== undefined ? { crossRegionReferences: true } : {}),
    seller: settings.seller,
    ...(settings.ses ? { ses: settings.ses } : {}),
    billingRules: settings.billingRules,
    threatProtection: settings.threatProtection,
    tracing: settings.tracing,
    ...(settings.allowedOrigins ? { allowedOrigins: settings.allowedOrigins } : {}),
    ...(settings.appUrl ? { appUrl: settings.appUrl } : {}),
    ...(settings.stripeSecretArn ? { stripeSecretArn: settings.stripeSecretArn } : {}),
    ...(settings.paypalSecretArn ? { paypalSecretArn: settings.paypalSecretArn } : {}),
    ...(settings.btcpay ? { btcpay: settings.btcpay } : {}),
    ...(settings.alarmEmail ? { alarmEmail: settings.alarmEmail } : {}),
    ...(settings.customDomain ? { customDomain: settings.customDomain } : {}),
    ...(webAclArn ? { webAclArn } : {}),
  });

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  return stack;
}
