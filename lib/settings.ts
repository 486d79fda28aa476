import * as z from 'zod';
import { DEFAULT_ESTABLISHED_CUSTOMER_RULE } from '../functions/domain/established-customer.js';
import { type BillingRules, billingRuleChecks, billingRuleShape, toBillingRules } from './billing-settings.js';

/**
 * Every deploy-time setting, read from CDK context (`-c name=value`, or `context` in cdk.json) and
 * validated at synth, so that a typo fails `cdk synth` naming the setting instead of failing each
 * function's cold start in production. lib/README.md lists them with examples.
 */
export interface Settings {
  /** Prepended to the stack name, and so to every name derived from it. @default none */
  readonly prefix?: string;
  readonly seller: { readonly name: string; readonly address: string; readonly email: string };
  readonly appUrl?: string;
  readonly allowedOrigins?: readonly string[];
  readonly ses?: { readonly fromEmail: string; readonly fromName?: string; readonly region: string; readonly verifiedDomain?: string };
  readonly stripeSecretArn?: string;
  readonly paypalSecretArn?: string;
  /** Crypto payments through BTCPay Server, and who may pay by crypto. */
  readonly btcpay?: {
    readonly url: string;
    readonly secretArn: string;
    readonly establishedCustomer: { readonly minAccountAgeDays: number; readonly minPaidInvoices: number };
  };
  readonly alarmEmail?: string;
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** Requests per IP per 5 minutes above which the web ACL this app creates blocks the IP. */
  readonly wafRateLimit?: number;
  readonly webAclArn?: string;
  readonly threatProtection: boolean;
  readonly tracing: boolean;
  /** Reminder, due-date charge and retry timing, and Add Funds limits (lib/billing-settings.ts). */
  readonly billingRules: BillingRules;
}

/** Where the stack will be deployed, when cdk knows it (it has credentials); empty for an offline synth. */
export interface Target {
  readonly account?: string | undefined;
  readonly region?: string | undefined;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;
const PARTITION = 'aws(-cn|-us-gov|-iso[a-z]?)?';
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** The same, but a line break is allowed (the address may be given from cdk.json with real ones). */
const CONTROL_BUT_LF = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** RFC 2606 / RFC 6761 names: they never receive mail, so an address there is a placeholder. */
function isReservedDomain(email: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return /(^|\.)example\.(com|net|org)$/.test(domain) || /(^|\.)(example|test|invalid|localhost)$/.test(domain);
}

const text = (max: number, control = CONTROL) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)
    .refine((v) => !control.test(v), 'must not contain control characters');
const mailbox = z.email('must be an email address such as billing@your-company.com')
  .refine((v) => !isReservedDomain(v), 'is a placeholder: example.com and the .example, .test, .invalid and .localhost domains never receive mail');
const region = z.string().regex(REGION, 'must be an AWS region such as eu-west-1');
const arn = (pattern: string, example: string) => z.string().regex(new RegExp(`^${pattern}$`), `must be an ARN such as ${example}`);
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'must be true or false' });
const origin = z.url({ protocol: /^https?$/ }).refine((v) => new URL(v).origin === v.replace(/\/$/, ''), 'must be an origin (scheme, host, port) with no path');

/** The shape of each setting; a setting given as '' counts as not given. */
const schema = z.object({
  prefix: z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case letters and digits in hyphen-separated words, starting with a letter')
    .max(20, 'must be at most 20 characters').optional(),
  sellerName: text(100),
  sellerAddress: text(500, CONTROL_BUT_LF),
  sellerEmail: mailbox,
  appUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL' })
    .refine((v) => new URL(v).origin === v.replace(/\/$/, ''), 'must be the app’s origin, such as https://billing.your-company.com, with no path')
    .transform((v) => v.replace(/\/$/, '')).optional(),
  allowedOrigins: z.union([z.array(z.string()), z.string().transform((v) => v.split(','))])
    .transform((list) => list.map((o) => o.trim()).filter(Boolean)).pipe(z.array(origin).min(1)).optional(),
  sesFromEmail: mailbox.optional(),
  sesFromName: text(64).refine((v) => !/["\\]/.test(v), 'must not contain quotes or backslashes').optional(),
  sesRegion: region.optional(),
  sesVerifiedDomain: z.string().toLowerCase().regex(HOST, 'must be a domain name such as your-company.com').optional(),
  stripeSecretArn: arn(`arn:${PARTITION}:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}`,
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/stripe-AbCdEf (the complete ARN that create-secret prints, ending in the 6 characters Secrets Manager adds)').optional(),
  paypalSecretArn: arn(`arn:${PARTITION}:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}`,
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/paypal-AbCdEf (the complete ARN that create-secret prints, ending in the 6 characters Secrets Manager adds)').optional(),
  btcpayUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL, such as https://btcpay.your-company.com' })
    .refine((v) => !new URL(v).search && !new URL(v).hash, 'must be the server’s address, with no query or fragment')
    .transform((v) => v.replace(/\/+$/, '')).optional(),
  btcpaySecretArn: arn(`arn:${PARTITION}:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}`,
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/btcpay-AbCdEf (the complete ARN that create-secret prints)').optional(),
  cryptoMinAccountAgeDays: z.coerce.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(0, 'must be 0 or more')
    .max(3650, 'must be at most 3650 (ten years)').optional(),
  cryptoMinPaidInvoices: z.coerce.number({ error: 'must be a number of invoices' }).int('must be a whole number').min(0, 'must be 0 or more')
    .max(1000, 'must be at most 1000').optional(),
  alarmEmail: mailbox.optional(),
  domainName: z.string().toLowerCase().regex(HOST, 'must be a host name such as billing.your-company.com').optional(),
  certificateArn: arn(`arn:${PARTITION}:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]{36}`,
    'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-…').optional(),
  wafRateLimit: z.coerce.number({ error: 'must be a number of requests per IP in 5 minutes' }).int('must be a whole number').min(10, 'must be at least 10 (AWS WAF’s minimum)')
    .max(2_000_000_000, 'must be at most 2,000,000,000').optional(),
  webAclArn: arn(`arn:${PARTITION}:wafv2:[a-z0-9-]+:\\d{12}:(global|regional)/webacl/[A-Za-z0-9_-]+/[0-9a-f-]{36}`,
    'arn:aws:wafv2:us-east-1:123456789012:global/webacl/billing/0a1b2c3d-…').optional(),
  threatProtection: flag.default(true),
  tracing: flag.default(false),
  ...billingRuleShape,
});

type Key = keyof typeof schema.shape;
export const settingNames = Object.keys(schema.shape) as Key[];

const required: Partial<Record<Key, string>> = {
  sellerName: 'your company’s legal name, printed on every invoice',
  sellerAddress: 'its postal address and tax details, lines separated by \\n',
  sellerEmail: 'the billing contact address printed on invoices',
};

/** Rules across settings, each naming the setting to change. */
function crossChecks(s: z.infer<typeof schema>, target: Target): [Key, string][] {
  const problems: [Key, string][] = billingRuleChecks(s);
  const regionOf = (value: string) => value.split(':')[3];
  if (s.sesFromEmail && !s.sesRegion && !target.region) {
    problems.push(['sesRegion', 'is required with sesFromEmail when the target region is unknown (no AWS credentials): the region where the SES identity is verified']);
  }
  for (const key of ['sesFromName', 'sesRegion', 'sesVerifiedDomain'] as const) {
    if (s[key] && !s.sesFromEmail) problems.push([key, 'only applies with sesFromEmail']);
  }
  if (s.sesFromEmail && s.sesVerifiedDomain && s.sesFromEmail.split('@')[1]?.toLowerCase() !== s.sesVerifiedDomain) {
    problems.push(['sesFromEmail', `must be an address at sesVerifiedDomain (${s.sesVerifiedDomain})`]);
  }
  if (s.stripeSecretArn && target.region && regionOf(s.stripeSecretArn) !== target.region) {
    problems.push(['stripeSecretArn', `is in ${regionOf(s.stripeSecretArn)}, but the stack deploys to ${target.region}; the functions read it from their own region`]);
  }
  if (s.paypalSecretArn && target.region && regionOf(s.paypalSecretArn) !== target.region) {
    problems.push(['paypalSecretArn', `is in ${regionOf(s.paypalSecretArn)}, but the stack deploys to ${target.region}; the functions read it from their own region`]);
  }
  if (s.paypalSecretArn && !s.stripeSecretArn) {
    problems.push(['paypalSecretArn', 'needs stripeSecretArn too for now: the payment functions are built around the card processor']);
  }
  if (!!s.btcpayUrl !== !!s.btcpaySecretArn) {
    problems.push([s.btcpayUrl ? 'btcpaySecretArn' : 'btcpayUrl', 'btcpayUrl and btcpaySecretArn go together']);
  }
  if (s.btcpaySecretArn && target.region && regionOf(s.btcpaySecretArn) !== target.region) {
    problems.push(['btcpaySecretArn', `is in ${regionOf(s.btcpaySecretArn)}, but the stack deploys to ${target.region}; the functions read it from their own region`]);
  }
  for (const key of ['cryptoMinAccountAgeDays', 'cryptoMinPaidInvoices'] as const) {
    if (s[key] !== undefined && !s.btcpayUrl) problems.push([key, 'only applies with btcpayUrl and btcpaySecretArn (crypto payments)']);
  }
  if (!!s.domainName !== !!s.certificateArn) {
    problems.push([s.domainName ? 'certificateArn' : 'domainName', 'domainName and certificateArn go together']);
  }
  if (s.certificateArn && regionOf(s.certificateArn) !== 'us-east-1') {
    problems.push(['certificateArn', 'must be a certificate in us-east-1: CloudFront only uses ACM certificates from there']);
  }
  if (s.webAclArn && !/:us-east-1:\d{12}:global\//.test(s.webAclArn)) {
    problems.push(['webAclArn', 'must be a CloudFront web ACL: scope global (CLOUDFRONT), in us-east-1']);
  }
  if (s.webAclArn && s.wafRateLimit !== undefined) {
    problems.push(['wafRateLimit', 'and webAclArn exclude each other: either this app creates the web ACL, or it uses yours']);
  }
  if (s.wafRateLimit !== undefined && !(target.account && target.region)) {
    problems.push(['wafRateLimit', 'needs the target account and region, because the web ACL lives in a us-east-1 stack referenced across regions: run cdk with AWS credentials for the target account, and its region (AWS_REGION or the profile’s)']);
  }
  return problems;
}

/**
 * Reads and validates every setting. Throws one Error listing each problem on its own line, each
 * starting with the setting's name and saying what to pass; unknown camelCase keys (a typo such as
 * `sellerEmial`) are problems too.
 */
export function parseSettings(context: Readonly<Record<string, unknown>>, target: Target = {}): Settings {
  const given = Object.fromEntries(
    settingNames.map((key) => [key, context[key]]).filter(([, value]) => value !== undefined && value !== null && value !== ''),
  );
  const unknown = Object.keys(context).filter((key) => /^[a-z][A-Za-z0-9]*$/.test(key) && !settingNames.includes(key as Key));
  const problems = new Map<string, string>();
  const parsed = schema.safeParse(given);
  if (parsed.success) {
    for (const [key, message] of crossChecks(parsed.data, target)) if (!problems.has(key)) problems.set(key, message);
  } else {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as Key;
      const missing = !(key in given);
      if (!problems.has(key)) problems.set(key, missing && required[key] ? `is required: ${required[key]}` : issue.message);
    }
  }
  if (problems.size > 0 || unknown.length > 0) {
    const lines = [
      ...[...problems].map(([key, message]) => `  ${key} ${message} (-c ${key}=…)`),
      ...unknown.map((key) => `  ${key} is not a setting; the settings are ${settingNames.join(', ')}`),
    ];
    throw new Error(`Invalid deployment settings:\n${lines.join('\n')}`);
  }
  return toSettings(parsed.data!, target);
}

function toSettings(s: z.infer<typeof schema>, target: Target): Settings {
  return {
    ...(s.prefix ? { prefix: s.prefix } : {}),
    seller: { name: s.sellerName, address: s.sellerAddress, email: s.sellerEmail },
    ...(s.appUrl ? { appUrl: s.appUrl } : {}),
    ...(s.allowedOrigins ? { allowedOrigins: s.allowedOrigins } : {}),
    ...(s.sesFromEmail
      ? {
          ses: {
            fromEmail: s.sesFromEmail,
            region: (s.sesRegion ?? target.region)!,
            ...(s.sesFromName ? { fromName: s.sesFromName } : {}),
            ...(s.sesVerifiedDomain ? { verifiedDomain: s.sesVerifiedDomain } : {}),
          },
        }
      : {}),
    ...(s.stripeSecretArn ? { stripeSecretArn: s.stripeSecretArn } : {}),
    ...(s.paypalSecretArn ? { paypalSecretArn: s.paypalSecretArn } : {}),
    ...(s.btcpayUrl && s.btcpaySecretArn
      ? {
          btcpay: {
            url: s.btcpayUrl,
            secretArn: s.btcpaySecretArn,
            establishedCustomer: {
              minAccountAgeDays: s.cryptoMinAccountAgeDays ?? DEFAULT_ESTABLISHED_CUSTOMER_RULE.minAccountAgeDays,
              minPaidInvoices: s.cryptoMinPaidInvoices ?? DEFAULT_ESTABLISHED_CUSTOMER_RULE.minPaidInvoices,
            },
          },
        }
      : {}),
    ...(s.alarmEmail ? { alarmEmail: s.alarmEmail } : {}),
    ...(s.domainName && s.certificateArn ? { customDomain: { domainName: s.domainName, certificateArn: s.certificateArn } } : {}),
    ...(s.wafRateLimit !== undefined ? { wafRateLimit: s.wafRateLimit } : {}),
    ...(s.webAclArn ? { webAclArn: s.webAclArn } : {}),
    threatProtection: s.threatProtection,
    tracing: s.tracing,
    billingRules: toBillingRules(s),
  };
}
