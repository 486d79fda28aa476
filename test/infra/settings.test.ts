import { App } from 'aws-cdk-lib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureApp } from '../../lib/billing-app.js';
import { parseConfig } from '../../functions/config.js';
import { billingRuleEnvironment } from '../../lib/billing-settings.js';
import { parseSettings } from '../../lib/settings.js';
import { cdkJsonContext, requiredSettings } from './synth.js';

/** The deploy-time settings: each mistake fails synth naming the setting, before anything is built. */
const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-0a1b-4a1b-8a1b-0a1b2c3d4e5f';
const webAclArn = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/shared/0a1b2c3d-0a1b-4a1b-8a1b-0a1b2c3d4e5f';
const stripeSecretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/stripe-AbCdEf';
const btcpaySecretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/btcpay-GhIjKl';
const target = { account: '111111111111', region: 'eu-west-1' };

function problemsWith(context: Record<string, unknown>, where: { account?: string; region?: string } = {}): string {
  try {
    parseSettings({ ...requiredSettings, ...context }, where);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

// As an offline `cdk synth`: the CLI knows no account or region.
beforeEach(() => {
  vi.stubEnv('CDK_DEFAULT_ACCOUNT', '');
  vi.stubEnv('CDK_DEFAULT_REGION', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('cdk synth through configureApp (bin/app.ts)', () => {
  function appWith(context: Record<string, unknown>): App {
    return new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  }

  it('fails on a malformed seller email, naming sellerEmail and how to pass it', () => {
    expect(() => configureApp(appWith({ ...requiredSettings, sellerEmail: 'billing@@acme-hosting.net' }))).toThrow(
      /sellerEmail must be an email address.*\(-c sellerEmail=…\)/,
    );
  });

  it('never falls back to placeholder seller details: each one missing is named', () => {
    const message = (() => {
      try {
        configureApp(appWith({}));
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    for (const key of ['sellerName', 'sellerAddress', 'sellerEmail']) expect(message).toContain(`${key} is required`);
  });

  it('takes no region from a CLI without credentials (its default says nothing about the target)', () => {
    vi.stubEnv('CDK_DEFAULT_REGION', 'us-east-1');
    expect(() => configureApp(appWith({ ...requiredSettings, sesFromEmail: 'billing@acme-hosting.net' }))).toThrow(
      /sesRegion is required with sesFromEmail/,
    );
    vi.stubEnv('CDK_DEFAULT_ACCOUNT', '111111111111');
    const stack = configureApp(appWith({ ...requiredSettings, sesFromEmail: 'billing@acme-hosting.net' }));
    expect(stack.region).toBe('us-east-1');
  });

  it('names the stack after the prefix and sets what the settings say', () => {
    const stack = configureApp(appWith({ ...requiredSettings, prefix: 'staging', appUrl: 'https://billing.acme-hosting.net/' }));
    expect(stack.stackName).toBe('staging-HostingBilling');
    expect(stack.node.id).toBe('staging-HostingBilling');
    expect(stack.terminationProtection).toBe(true);
  });
});

describe('each setting', () => {
  it.each([
    ['prefix', 'Staging_1', 'prefix must be lower-case letters and digits'],
    ['sellerName', 'Acme\nHosting', 'sellerName must not contain control characters'],
    ['sellerEmail', 'billing@example.com', 'sellerEmail is a placeholder'],
    ['sellerEmail', 'billing@acme.test', 'sellerEmail is a placeholder'],
    ['appUrl', 'http://billing.acme-hosting.net', 'appUrl must be an https:// URL'],
    ['appUrl', 'https://billing.acme-hosting.net/app', 'appUrl must be the app’s origin'],
    ['allowedOrigins', 'http://localhost:5173/x', 'allowedOrigins must be an origin'],
    ['sesFromEmail', 'no-reply', 'sesFromEmail must be an email address'],
    ['stripeSecretArn', 'billing/stripe', 'stripeSecretArn must be an ARN'],
    ['stripeSecretArn', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/stripe', 'stripeSecretArn must be an ARN'],
    ['alarmEmail', 'ops@acme.invalid', 'alarmEmail is a placeholder'],
    ['domainName', 'https://billing.acme-hosting.net', 'domainName must be a host name'],
    ['certificateArn', 'arn:aws:acm:us-east-1:1111:certificate/x', 'certificateArn must be an ARN'],
    ['wafRateLimit', 'lots', 'wafRateLimit must be a number'],
    ['wafRateLimit', '5', 'wafRateLimit must be at least 10'],
    ['webAclArn', 'shared', 'webAclArn must be an ARN'],
    ['threatProtection', 'no', 'threatProtection must be true or false'],
    ['tracing', 'on', 'tracing must be true or false'],
    ['btcpayUrl', 'http://btcpay.acme-hosting.net', 'btcpayUrl must be an https:// URL'],
    ['btcpayUrl', 'https://btcpay.acme-hosting.net/?store=1', 'btcpayUrl must be the server’s address'],
    ['btcpaySecretArn', 'billing/btcpay', 'btcpaySecretArn must be an ARN'],
    ['cryptoMinAccountAgeDays', 'ninety', 'cryptoMinAccountAgeDays must be a number of days'],
    ['cryptoMinAccountAgeDays', '-1', 'cryptoMinAccountAgeDays must be 0 or more'],
    ['cryptoMinAccountAgeDays', '12.5', 'cryptoMinAccountAgeDays must be a whole number of days'],
    ['cryptoMinPaidInvoices', '1001', 'cryptoMinPaidInvoices must be at most 1000'],
    ['reminderDaysBefore', 'three', 'reminderDaysBefore must be a number of days'],
    ['reminderDaysBefore', '61', 'reminderDaysBefore must be 0 (no reminder) to 60 days'],
    ['dunningRetryDays', '3,x', 'dunningRetryDays'],
    ['dunningRetryDays', '0,3', 'dunningRetryDays must each be at least 1 day after the due date'],
    ['dunningRetryDays', '5,3', 'dunningRetryDays must be days after the due date in increasing order'],
    ['dunningRetryDays', Array.from({ length: 21 }, (_, i) => i + 1).join(','), 'dunningRetryDays must be at most 20 retries'],
    ['billingHour', '24', 'billingHour must be an hour of the day, 0 to 23'],
    ['billingTimeZone', 'Dublin', 'billingTimeZone must be an IANA time zone'],
    ['serviceInvoiceDaysBefore', 'a week', 'serviceInvoiceDaysBefore must be a number of days'],
    ['serviceInvoiceDaysBefore', '91', 'serviceInvoiceDaysBefore must be 0 (on the due date) to 90 days'],
    ['suspendAfterDays', '-1', 'suspendAfterDays must be 0 (never suspend) to 365 days'],
    ['suspendAfterDays', '1.5', 'suspendAfterDays must be a whole number'],
    ['fundsMinimum', '5,00', 'fundsMinimum must be an amount such as 5.00'],
    ['fundsMaximum', '-2000', 'fundsMaximum must be an amount'],
    ['fundsLimits', 'JPY=500-300000', 'fundsLimits must read like JPY:500-300000'],
  ])('%s=%j fails naming the setting', (key, value, expected) => {
    const message = problemsWith({ [key]: value }, target);
    expect(message).toContain(expected);
    expect(message).toContain(`(-c ${key}=…)`);
  });

  it('refuses a context key that is no setting, such as a typo', () => {
    expect(problemsWith({ alarmEmial: 'ops@acme-hosting.net' })).toContain('alarmEmial is not a setting');
  });

  it('treats an empty value as not given', () => {
    expect(parseSettings({ ...requiredSettings, appUrl: '', stripeSecretArn: '' })).not.toHaveProperty('appUrl');
  });
});

describe('settings that depend on each other', () => {
  it.each([
    [{ certificateArn: certificateArn.replace('us-east-1', 'eu-west-1'), domainName: 'billing.acme-hosting.net' }, 'certificateArn must be a certificate in us-east-1'],
    [{ domainName: 'billing.acme-hosting.net' }, 'certificateArn domainName and certificateArn go together'],
    [{ certificateArn }, 'domainName domainName and certificateArn go together'],
    [{ webAclArn: webAclArn.replace('us-east-1', 'eu-west-1').replace('global', 'regional') }, 'webAclArn must be a CloudFront web ACL'],
    [{ webAclArn, wafRateLimit: 2000 }, 'wafRateLimit and webAclArn exclude each other'],
    [{ sesFromName: 'Acme Billing' }, 'sesFromName only applies with sesFromEmail'],
    [{ sesFromEmail: 'billing@acme-hosting.net', sesVerifiedDomain: 'mail.acme-hosting.net' }, 'sesFromEmail must be an address at sesVerifiedDomain'],
    [{ stripeSecretArn: stripeSecretArn.replace('eu-west-1', 'us-west-2') }, 'stripeSecretArn is in us-west-2, but the stack deploys to eu-west-1'],
    [{ btcpayUrl: 'https://btcpay.acme-hosting.net' }, 'btcpaySecretArn btcpayUrl and btcpaySecretArn go together'],
    [{ btcpaySecretArn }, 'btcpayUrl btcpayUrl and btcpaySecretArn go together'],
    [{ btcpayUrl: 'https://btcpay.acme-hosting.net', btcpaySecretArn: btcpaySecretArn.replace('eu-west-1', 'us-west-2') }, 'btcpaySecretArn is in us-west-2, but the stack deploys to eu-west-1'],
    [{ cryptoMinPaidInvoices: '3' }, 'cryptoMinPaidInvoices only applies with btcpayUrl and btcpaySecretArn'],
    [{ fundsMinimum: '3000' }, 'fundsMinimum must leave fundsMinimum (3000) below fundsMaximum (2000.00)'],
    [{ fundsMinimum: '10', fundsMaximum: '10' }, 'fundsMaximum must leave fundsMinimum (10) below fundsMaximum (10)'],
    [{ fundsLimits: 'JPY:500-300000,KRW:5000-50' }, 'fundsLimits KRW: the minimum must be more than 0 and below the maximum'],
  ])('%j fails: %s', (context, expected) => {
    expect(problemsWith(context, target)).toContain(expected);
  });

  it('needs the SES region when the target region is unknown, and takes the target’s otherwise', () => {
    expect(problemsWith({ sesFromEmail: 'billing@acme-hosting.net' })).toContain('sesRegion is required with sesFromEmail');
    expect(parseSettings({ ...requiredSettings, sesFromEmail: 'billing@acme-hosting.net' }, target).ses).toEqual({
      fromEmail: 'billing@acme-hosting.net',
      region: 'eu-west-1',
    });
  });

  it('creates a web ACL only when the account and region are known, for the cross-region reference', () => {
    expect(problemsWith({ wafRateLimit: '2000' })).toContain('wafRateLimit needs the target account and region');
    expect(parseSettings({ ...requiredSettings, wafRateLimit: '2000' }, target).wafRateLimit).toBe(2000);
  });

  it('reads the BTCPay settings with the established-customer rule’s numbers, 90 days and 2 invoices unless given', () => {
    const base = { ...requiredSettings, btcpayUrl: 'https://btcpay.acme-hosting.net/', btcpaySecretArn };
    expect(parseSettings(base, target).btcpay).toEqual({
      url: 'https://btcpay.acme-hosting.net', secretArn: btcpaySecretArn, establishedCustomer: { minAccountAgeDays: 90, minPaidInvoices: 2 },
    });
    expect(parseSettings({ ...base, cryptoMinAccountAgeDays: '30', cryptoMinPaidInvoices: 0 }, target).btcpay?.establishedCustomer)
      .toEqual({ minAccountAgeDays: 30, minPaidInvoices: 0 });
    expect(parseSettings(requiredSettings, target)).not.toHaveProperty('btcpay');
  });

  it('reads a complete, valid set of settings into what the stack takes', () => {
    const settings = parseSettings(
      {
        ...requiredSettings,
        prefix: 'eu-prod',
        appUrl: 'https://billing.acme-hosting.net/',
        allowedOrigins: 'http://localhost:5173, https://admin.acme-hosting.net',
        sesFromEmail: 'billing@acme-hosting.net',
        sesFromName: 'Acme Billing',
        sesRegion: 'eu-west-1',
        stripeSecretArn,
        alarmEmail: 'ops@acme-hosting.net',
        domainName: 'Billing.Acme-Hosting.net',
        certificateArn,
        webAclArn,
        threatProtection: 'false',
        tracing: true,
        reminderDaysBefore: '5',
        dunningRetryDays: '2, 4,9',
        billingHour: 7,
        billingTimeZone: 'Europe/Dublin',
        fundsMinimum: '10.00',
        fundsLimits: 'JPY:500-300000,KRW:5000-3000000',
        '@aws-cdk/core:someFeatureFlag': true,
        'aws:cdk:bundling-stacks': [],
      },
      target,
    );
    expect(settings).toEqual({
      prefix: 'eu-prod',
      seller: { name: 'Test Hosting Ltd', address: '1 Test Street\\nTestville', email: 'billing@acme-hosting.net' },
      appUrl: 'https://billing.acme-hosting.net',
      allowedOrigins: ['http://localhost:5173', 'https://admin.acme-hosting.net'],
      ses: { fromEmail: 'billing@acme-hosting.net', fromName: 'Acme Billing', region: 'eu-west-1' },
      stripeSecretArn,
      alarmEmail: 'ops@acme-hosting.net',
      customDomain: { domainName: 'billing.acme-hosting.net', certificateArn },
      webAclArn,
      threatProtection: false,
      tracing: true,
      billingRules: {
        reminderDaysBefore: 5,
        dunningRetryDays: [2, 4, 9],
        billingHour: 7,
        billingTimeZone: 'Europe/Dublin',
        fundsMinimum: '10.00',
        fundsLimits: { JPY: { minimum: '500', maximum: '300000' }, KRW: { minimum: '5000', maximum: '3000000' } },
      },
    });
  });

  it('passes the billing rules to the functions as functions/config.ts reads them, and nothing when none is given', () => {
    const { billingRules } = parseSettings({
      ...requiredSettings, dunningRetryDays: 'none', billingHour: '0', fundsLimits: 'JPY:500-300000', serviceInvoiceDaysBefore: '10', suspendAfterDays: '0',
    });
    expect(billingRuleEnvironment(billingRules)).toEqual({
      DUNNING_RETRY_DAYS: '', BILLING_HOUR: '0', FUNDS_LIMITS: 'JPY:500-300000', SERVICE_INVOICE_DAYS_BEFORE: '10', SUSPEND_AFTER_DAYS: '0',
    });
    const env = { TABLE_NAME: 't', AWS_REGION: 'eu-west-1', SELLER_NAME: 'S', SELLER_EMAIL: 'billing@acme-hosting.net', ...billingRuleEnvironment(billingRules) };
    const config = parseConfig(env);
    expect(config.schedule).toMatchObject({ retryDaysAfterDue: [], hourOfDay: 0 });
    expect(config.services).toEqual({ invoiceDaysBefore: 10, suspendAfterDays: 0 });
    expect(config.funds.byCurrency).toEqual({ JPY: { minimum: '500', maximum: '300000' } });
    expect(billingRuleEnvironment(parseSettings(requiredSettings).billingRules)).toEqual({});
  });
});
