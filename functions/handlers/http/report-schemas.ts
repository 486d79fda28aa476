import * as z from 'zod';
import { AGING_BUCKETS } from '../../domain/aging.js';
import { isCalendarDate } from '../../domain/calendar-date.js';
import { PAYMENT_METHODS } from '../../domain/payment.js';
import { BILLING_REPORTS } from '../../use-cases/get-billing-report.js';

/** The shapes of the staff dashboard and reports. Money: integers in minor units, the currency beside. */
const amount = z.number().int().describe('An amount in the currency’s minor unit (cents), as Stripe writes it.');
const count = z.number().int().min(0);
const date = z.string().refine(isCalendarDate, 'Must be a date written YYYY-MM-DD.').describe('A calendar date, YYYY-MM-DD, in the provider’s time zone.');
const byMethod = z.object({ card: amount, paypal: amount, crypto: amount, offline: amount }).partial()
  .describe('Money received by payment method (a method with none is absent).');

const revenueFigure = z.object({ amount: amount.describe('Monthly value, minor units.'), services: count });

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
  highFees: z.object({
    count,
    payments: z.array(z.object({
      method: z.enum(PAYMENT_METHODS), externalId: z.string(), customerId: z.string(), invoiceId: z.string().optional(),
      amount: amount.describe('The payment, in `currency`.'), currency: z.string(),
      fee: amount.describe('The processor’s fee, in `feeCurrency` (the currency the money settled in).'), feeCurrency: z.string(),
      basisPoints: z.number().int().describe('fee ÷ settled amount in hundredths of a percent (470 = 4.70%).'),
      receivedAt: z.string().describe('ISO 8601 timestamp'),
    })).describe('The newest 20.'),
  }).describe('Card payments received this month whose processor fee was more than FEE_FLAG_PERCENT (4% by default) of the amount: staff may suggest another way to pay.'),
  recurringRevenue: z.array(z.object({
    currency: z.string(),
    mrr: revenueFigure.describe('Active services (not suspended, not cancelled).'),
    new: revenueFigure.describe('Services created this month, whatever they are now.'),
    cancelled: revenueFigure.describe('Services cancelled this month.'),
    suspended: revenueFigure.describe('Services suspended this month and still suspended.'),
  })).describe('Monthly recurring revenue per currency: a quarterly price counts a third, a yearly one a twelfth; each figure summed exactly and rounded half up to the minor unit once.'),
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
