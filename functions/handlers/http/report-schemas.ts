import * as z from 'zod';
import { AGING_BUCKETS } from '../../domain/aging.js';
import { isCalendarDate } from '../../domain/calendar-date.js';
import { BILLING_REPORTS } from '../../use-cases/get-billing-report.js';

/** The shapes of the staff dashboard and reports. Money: integers in minor units, the currency beside. */
const amount = z.number().int().describe('An amount in the currency’s minor unit (cents), as Stripe writes it.');
const count = z.number().int().min(0);
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD, in the provider’s time zone.');
const byMethod = z.object({ card: amount, paypal: amount, crypto: amount, offline: amount }).partial()
  .describe('Money received by payment method (a method with none is absent).');

export const dashboardSchema = z.object({
  today: date,
  timeZone: z.string().describe('The provider’s time zone (BILLING_TIME_ZONE): every date and month is counted in it.'),
  months: z.array(z.string()).describe('The months shown, YYYY-MM, oldest first; the last is this month.'),
  income: z.array(z.object({
    currency: z.string(),
    months: z.array(z.object({ month: z.string(), byMethod, total: amount })).describe('One entry per month of `months`, in the same order.'),
  })).describe('Income received per currency (never summed across currencies), before refunds; account credit spent is not income.'),
  receivables: z.array(z.object({
    currency: z.string(),
    amountDue: amount,
    invoices: count,
    buckets: z.record(z.enum(AGING_BUCKETS), z.object({ amountDue: amount, invoices: count }))
      .describe('By whole days past the due date: current (not yet due), 1-30, 31-60, 61-90, over-90.'),
  })).describe('What is owed now per currency: open invoices with something due and no payment settling.'),
  attention: z.object({
    counts: z.object({ declined: count, requires_action: count, payment_pending: count }),
    invoices: z.array(z.object({
      invoiceId: z.string(), number: z.string().describe('As printed, e.g. INV-000042.'), customerId: z.string(), currency: z.string(),
      amountDue: amount, dueDate: date, reason: z.enum(['declined', 'requires_action', 'payment_pending']),
      lastReason: z.string().optional(), lastAttemptAt: z.string().optional(),
    })).describe('The first 20, longest due first.'),
  }).describe('Open invoices whose last automatic charge was declined or needs the customer to authenticate, or whose payment is pending.'),
  customersWithBouncingEmail: count,
  complete: z.boolean().describe('False when a read stopped at its limit: the figures then undercount.'),
});

export const reportParams = z.strictObject({ report: z.enum(BILLING_REPORTS) });

export const reportQuery = z.strictObject({
  from: date, to: date.describe('The last day included.'),
  by: z.enum(['day', 'month']).default('month'),
  format: z.enum(['json', 'csv']).default('json'),
});

export const reportSchema = z.object({
  report: z.enum(BILLING_REPORTS), from: date, to: date, by: z.enum(['day', 'month']), timeZone: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'money', 'count']) }))
    .describe('`money` cells are minor units of the row’s `currency`; `text` cells are strings; `count` cells whole numbers.'),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  complete: z.boolean().describe('False when the report read its limit of items: shorten the range.'),
});
