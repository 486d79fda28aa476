import * as z from 'zod';

/**
 * The provider's billing rules, as deploy settings: when reminders, due-date charges and their
 * retries happen, when services are invoiced and suspended, and what one Add Funds may be. Each is
 * optional; the functions' own defaults (functions/config.ts: 3 days, retries 3, 5 and 7 days after
 * the due date, 09:00 UTC, services invoiced 7 days ahead and suspended 14 days overdue, 5.00 to
 * 2000.00, card fees flagged above 4%) apply to what is not given. Every function is told the same
 * values, so the function that
 * schedules an invoice's work and the one that deletes it never disagree on which schedules exist.
 */
export interface BillingRules {
  readonly reminderDaysBefore?: number;
  readonly dunningRetryDays?: readonly number[];
  readonly billingHour?: number;
  readonly billingTimeZone?: string;
  /** Days before a service's due date its invoice is issued. */
  readonly serviceInvoiceDaysBefore?: number;
  /** Days an invoice of a service may be overdue before the service is suspended; 0: never. */
  readonly suspendAfterDays?: number;
  /** A card payment whose processor fee is more than this percentage of it is flagged for staff. */
  readonly feeFlagPercent?: string;
  readonly fundsMinimum?: string;
  readonly fundsMaximum?: string;
  /** Limits of particular currencies, overriding the two above: code → decimals in that currency. */
  readonly fundsLimits?: Readonly<Record<string, { readonly minimum: string; readonly maximum: string }>>;
}

const DECIMAL = /^\d{1,9}(\.\d{1,4})?$/;
/** The most retries: the invoice-work handler takes steps 0 to 20 (functions/handlers/invoice-work.ts). */
const MAX_RETRIES = 20;

const wholeNumber = (what: string, min: number, max: number, range: string) =>
  z.coerce.number({ error: `must be a number of ${what}` }).int('must be a whole number').min(min, range).max(max, range);
const amount = z.string().regex(DECIMAL, 'must be an amount such as 5.00 (digits, a point, at most 4 decimals)');

/** The settings' shapes, merged into lib/settings.ts's schema. */
export const billingRuleShape = {
  reminderDaysBefore: wholeNumber('days', 0, 60, 'must be 0 (no reminder) to 60 days').optional(),
  dunningRetryDays: z.union([z.array(z.coerce.number()), z.string().transform((v) => (v.trim() === 'none' ? [] : v.split(',').map((d) => Number(d.trim()))))])
    .pipe(z.array(z.number().int('must be whole days').min(1, 'must each be at least 1 day after the due date').max(365, 'must each be at most 365 days'))
      .max(MAX_RETRIES, `must be at most ${MAX_RETRIES} retries`)
      .refine((days) => days.every((d, i) => i === 0 || d > days[i - 1]!), 'must be days after the due date in increasing order, such as 3,5,7'))
    .optional(),
  billingHour: wholeNumber('hours', 0, 23, 'must be an hour of the day, 0 to 23').optional(),
  billingTimeZone: z.string().refine((zone) => zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone),
    'must be an IANA time zone such as Europe/Dublin').optional(),
  serviceInvoiceDaysBefore: wholeNumber('days', 0, 90, 'must be 0 (on the due date) to 90 days').optional(),
  suspendAfterDays: wholeNumber('days', 0, 365, 'must be 0 (never suspend) to 365 days').optional(),
  feeFlagPercent: z.coerce.string().regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be a percentage such as 4 or 3.5 (at most two decimals, below 100)').optional(),
  fundsMinimum: amount.optional(),
  fundsMaximum: amount.optional(),
  fundsLimits: z.string().transform((v, ctx) => {
    const limits: Record<string, { minimum: string; maximum: string }> = {};
    for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
      const match = /^([A-Z]{3}):([\d.]+)-([\d.]+)$/.exec(part);
      if (!match || !DECIMAL.test(match[2]!) || !DECIMAL.test(match[3]!)) {
        ctx.addIssue({ code: 'custom', message: `must read like JPY:500-300000,KRW:5000-3000000 (not "${part}")` });
        return z.NEVER;
      }
      limits[match[1]!] = { minimum: match[2]!, maximum: match[3]! };
    }
    return limits;
  }).optional(),
};

type Parsed = z.infer<ReturnType<typeof z.object<typeof billingRuleShape>>>;

/** Rules across these settings, each naming the setting to change. */
export function billingRuleChecks(s: Parsed): [keyof Parsed, string][] {
  const problems: [keyof Parsed, string][] = [];
  const minimum = s.fundsMinimum ?? '5.00';
  const maximum = s.fundsMaximum ?? '2000.00';
  if (Number(minimum) <= 0) problems.push(['fundsMinimum', 'must be more than 0']);
  if (Number(minimum) >= Number(maximum)) {
    problems.push([s.fundsMaximum ? 'fundsMaximum' : 'fundsMinimum', `must leave fundsMinimum (${minimum}) below fundsMaximum (${maximum})`]);
  }
  for (const [code, limit] of Object.entries(s.fundsLimits ?? {})) {
    if (Number(limit.minimum) <= 0 || Number(limit.minimum) >= Number(limit.maximum)) {
      problems.push(['fundsLimits', `${code}: the minimum must be more than 0 and below the maximum`]);
    }
  }
  return problems;
}

/** The settings given, as BillingRules (the other settings in `s` are left out). */
export function toBillingRules(s: Parsed): BillingRules {
  return Object.fromEntries(Object.keys(billingRuleShape).flatMap((key) => {
    const value = s[key as keyof Parsed];
    return value === undefined ? [] : [[key, value]];
  })) as BillingRules;
}

/** The functions' variables for the rules given (functions/config.ts); nothing for what is not. */
export function billingRuleEnvironment(rules: BillingRules): Record<string, string> {
  const env: Record<string, string | undefined> = {
    REMINDER_DAYS_BEFORE: rules.reminderDaysBefore?.toString(),
    DUNNING_RETRY_DAYS: rules.dunningRetryDays?.join(','),
    BILLING_HOUR: rules.billingHour?.toString(),
    BILLING_TIME_ZONE: rules.billingTimeZone,
    SERVICE_INVOICE_DAYS_BEFORE: rules.serviceInvoiceDaysBefore?.toString(),
    SUSPEND_AFTER_DAYS: rules.suspendAfterDays?.toString(),
    FEE_FLAG_PERCENT: rules.feeFlagPercent,
    FUNDS_MINIMUM: rules.fundsMinimum,
    FUNDS_MAXIMUM: rules.fundsMaximum,
    FUNDS_LIMITS: rules.fundsLimits
      ? Object.entries(rules.fundsLimits).map(([code, limit]) => `${code}:${limit.minimum}-${limit.maximum}`).join(',')
      : undefined,
  };
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
