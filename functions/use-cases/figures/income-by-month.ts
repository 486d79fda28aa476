import type { CalendarMonth } from '../../domain/zoned-calendar.js';
import { calendarDateIn, monthOf } from '../../domain/zoned-calendar.js';
import type { Payment, PaymentMethod } from '../../domain/payment.js';
import type { DayIncome } from '../../ports/income-tally.js';

/** Money received in one period, in one currency: by payment method and in all (minor units). */
export interface PeriodIncome {
  readonly period: string;
  readonly byMethod: Partial<Record<PaymentMethod, number>>;
  readonly total: number;
}

/** One currency's income over consecutive periods (every period listed, zero or not). */
export interface CurrencyIncome {
  readonly currency: string;
  readonly periods: readonly PeriodIncome[];
}

/**
 * Whether a payment is income: money that reached the business. Paying with account credit is not
 * (the money came in earlier, when the credit was added, and counted then).
 */
export const isIncome = (payment: Pick<Payment, 'method'>): boolean => payment.method !== 'credit';

/**
 * Sums payments into `periods` (months `YYYY-MM` or days `YYYY-MM-DD`, in order) by the calendar date
 * they were received on in `timeZone`, one series per currency, currencies in alphabetical order.
 * Amounts are what was received (`amount`: what paid invoices and what became credit), before any
 * refund (refunds are a report of their own). Payments outside the periods are left out.
 */
export function incomeByPeriod(
  payments: readonly Payment[], periods: readonly (string | CalendarMonth)[], granularity: 'month' | 'day', timeZone: string,
): CurrencyIncome[] {
  const sums = new Map<string, Map<string, Partial<Record<PaymentMethod, number>>>>();
  const wanted = new Set(periods);
  for (const payment of payments) {
    if (!isIncome(payment)) continue;
    const date = calendarDateIn(new Date(payment.receivedAt), timeZone);
    const period = granularity === 'month' ? monthOf(date) : date;
    if (!wanted.has(period)) continue;
    const byPeriod = sums.get(payment.amount.currency) ?? new Map<string, Partial<Record<PaymentMethod, number>>>();
    sums.set(payment.amount.currency, byPeriod);
    const byMethod = byPeriod.get(period) ?? {};
    byPeriod.set(period, byMethod);
    byMethod[payment.method] = (byMethod[payment.method] ?? 0) + payment.amount.amountMinor;
  }
  return seriesOf(sums, periods);
}

/**
 * The same figures as `incomeByPeriod`, from income already counted per calendar day (IncomeTally)
 * in the provider's time zone: days summed into `periods` (months `YYYY-MM` or days `YYYY-MM-DD`).
 */
export function incomeFromDays(days: readonly DayIncome[], periods: readonly (string | CalendarMonth)[], granularity: 'month' | 'day'): CurrencyIncome[] {
  const sums = new Map<string, Map<string, Partial<Record<PaymentMethod, number>>>>();
  const wanted = new Set(periods);
  for (const day of days) {
    const period = granularity === 'month' ? monthOf(day.day) : day.day;
    if (!wanted.has(period) || day.count === 0) continue;
    const byPeriod = sums.get(day.currency) ?? new Map<string, Partial<Record<PaymentMethod, number>>>();
    sums.set(day.currency, byPeriod);
    const byMethod = byPeriod.get(period) ?? {};
    byPeriod.set(period, byMethod);
    byMethod[day.method] = (byMethod[day.method] ?? 0) + day.amountMinor;
  }
  return seriesOf(sums, periods);
}

function seriesOf(sums: Map<string, Map<string, Partial<Record<PaymentMethod, number>>>>, periods: readonly string[]): CurrencyIncome[] {
  return [...sums.keys()].sort().map((code) => ({
    currency: code,
    periods: periods.map((period) => {
      const byMethod = sums.get(code)!.get(period) ?? {};
      return { period, byMethod, total: Object.values(byMethod).reduce((a, b) => a + b, 0) };
    }),
  }));
}
