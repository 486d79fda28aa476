import type { CalendarDate } from '../domain/calendar-date.js';
import { type CalendarMonth, addMonths, calendarDateIn, firstDayOf, monthOf, startOfDayIn } from '../domain/zoned-calendar.js';
import type { BillingFigures } from '../ports/billing-figures.js';
import type { Clock } from '../ports/clock.js';
import type { IncomeTally } from '../ports/income-tally.js';
import { type HighFees, highFees } from './figures/high-fees.js';
import { type CurrencyIncome, incomeFromDays } from './figures/income-by-month.js';
import { type NeedingAttention, needingAttention } from './figures/needing-attention.js';
import { type CurrencyReceivables, receivablesOf } from './figures/receivables.js';
import { type CurrencyRecurringRevenue, recurringRevenue } from './figures/recurring-revenue.js';

/** The months of income the dashboard shows: this month and each of the 12 before it. */
export const DASHBOARD_MONTHS = 13;
/**
 * At most this many payments of this month are read for the high fees (the income figures read the
 * per-day counts instead, IncomeTally). Beyond it the figures are marked incomplete.
 */
export const DASHBOARD_MONTH_PAYMENTS_LIMIT = 50_000;
/** At most this many open invoices are read for what is owed and what needs attention. */
export const DASHBOARD_OPEN_INVOICES_LIMIT = 20_000;
/** At most this many services are read for the recurring revenue (every service ever, cancelled ones too). */
export const DASHBOARD_SERVICES_LIMIT = 20_000;
/** How many invoices needing attention are listed (all are counted). */
export const DASHBOARD_ATTENTION_LISTED = 20;

/** The staff dashboard's figures. Money is per currency, never summed across currencies. */
export interface StaffDashboard {
  /** Today in the provider's time zone, which every date here is counted in. */
  readonly today: CalendarDate;
  readonly timeZone: string;
  /** The months shown, oldest first; the last is this month. */
  readonly months: readonly CalendarMonth[];
  readonly income: readonly CurrencyIncome[];
  readonly receivables: readonly CurrencyReceivables[];
  readonly attention: NeedingAttention;
  /** Card payments received this month whose processor fee was flagged (FEE_FLAG_PERCENT). */
  readonly highFees: HighFees;
  /** Monthly recurring revenue from active services, per currency, and its change this month. */
  readonly recurringRevenue: readonly CurrencyRecurringRevenue[];
  readonly customersWithBouncingEmail: number;
  /** False when a read stopped at its limit: the figures then undercount. */
  readonly complete: boolean;
}

/**
 * The figures staff see first thing in the morning:
 *
 * 1. income received this month and in each of the 12 months before it, by payment method, per
 *    currency, counted on the provider's calendar (`timeZone`);
 * 2. what is owed now, aged by days past due (current, 1–30, 31–60, 61–90, over 90), per currency;
 * 3. the open invoices whose automatic charge was declined or needs authentication, or whose payment
 *    is pending;
 * 4. the card payments received this month whose processor fee was over the provider's threshold;
 * 5. monthly recurring revenue from active services, per currency, and what this month added
 *    (new), took away (cancelled) and put on hold (suspended);
 * 6. how many customers' email bounces.
 *
 * Five queries, run together; none scans the table (see ACCESS-PATTERNS.md). The income is read from
 * the counts kept per calendar day (IncomeTally: about 400 small items for 13 months), not from the
 * payments; the high fees read this month's payments only.
 */
export async function getStaffDashboard(
  deps: { figures: BillingFigures; incomeTally: IncomeTally; clock: Clock },
  input: { timeZone: string },
): Promise<StaffDashboard> {
  const { timeZone } = input;
  const today = calendarDateIn(deps.clock.now(), timeZone);
  const thisMonth = monthOf(today);
  const months = Array.from({ length: DASHBOARD_MONTHS }, (_, i) => addMonths(thisMonth, i - DASHBOARD_MONTHS + 1));
  const monthStart = startOfDayIn(firstDayOf(thisMonth), timeZone);
  const lastDay = calendarDateIn(new Date(startOfDayIn(firstDayOf(addMonths(thisMonth, 1)), timeZone).getTime() - 1), timeZone);
  const [days, flagged, open, services, customersWithBouncingEmail] = await Promise.all([
    deps.incomeTally.days(timeZone, { from: firstDayOf(months[0]!), to: lastDay }),
    deps.figures.flaggedPaymentsReceived({ from: monthStart, to: startOfDayIn(firstDayOf(addMonths(thisMonth, 1)), timeZone) }, DASHBOARD_MONTH_PAYMENTS_LIMIT),
    deps.figures.openInvoices(DASHBOARD_OPEN_INVOICES_LIMIT),
    deps.figures.services(DASHBOARD_SERVICES_LIMIT),
    deps.figures.countCustomersWithBouncingEmail(),
  ]);
  return {
    today, timeZone, months,
    income: incomeFromDays(days, months, 'month'),
    receivables: receivablesOf(open.items, today),
    attention: needingAttention(open.items, DASHBOARD_ATTENTION_LISTED),
    highFees: highFees(flagged.items, monthStart, DASHBOARD_ATTENTION_LISTED),
    recurringRevenue: recurringRevenue(services.items, thisMonth, timeZone),
    customersWithBouncingEmail,
    complete: flagged.complete && open.complete && services.complete,
  };
}
