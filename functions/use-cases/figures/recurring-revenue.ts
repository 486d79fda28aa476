import type { CalendarMonth } from '../../domain/zoned-calendar.js';
import { calendarDateIn, monthOf } from '../../domain/zoned-calendar.js';
import type { Service } from '../../domain/service.js';
import { MONTHS_PER_CYCLE } from '../../domain/service-cycle.js';

/** A sum of monthly revenue in one currency (minor units, see recurringRevenue) and how many services make it. */
export interface RevenueFigure {
  readonly amount: number;
  readonly services: number;
}

/** One currency's monthly recurring revenue now, and how it moved this month. */
export interface CurrencyRecurringRevenue {
  readonly currency: string;
  /** Active services (suspended and cancelled ones left out), at their monthly value. */
  readonly mrr: RevenueFigure;
  /** Services created this month, whatever they are now. */
  readonly new: RevenueFigure;
  /** Services cancelled this month. */
  readonly cancelled: RevenueFigure;
  /** Services suspended this month and still suspended. */
  readonly suspended: RevenueFigure;
}

/**
 * Monthly recurring revenue per currency (never summed across currencies) from the services' prices:
 * a monthly service counts its price, a quarterly one a third of it, a yearly one a twelfth.
 *
 * Rounding: each figure is summed exactly in twelfths of a minor unit (a yearly price counts once, a
 * quarterly one 4 times, a monthly one 12 times; every cycle divides a year) and divided by 12 once,
 * rounded half up: 3 yearly services of 10.00 make 2.50, not 3 × 0.83 = 2.49.
 *
 * The month's movements are by the provider's calendar (`timeZone`): created (`createdAt`), cancelled
 * (`cancelledAt`), suspended (`suspension.at`, only while still suspended) in `month`. An active
 * service that will end at its period's end (`cancelAtPeriodEnd`) still counts: it is paid until then.
 */
export function recurringRevenue(services: readonly Service[], month: CalendarMonth, timeZone: string): CurrencyRecurringRevenue[] {
  type Twelfths = { twelfths: number; services: number };
  const sums = new Map<string, Record<'mrr' | 'new' | 'cancelled' | 'suspended', Twelfths>>();
  const inMonth = (instant: string | undefined) => instant !== undefined && monthOf(calendarDateIn(new Date(instant), timeZone)) === month;
  for (const service of services) {
    const s = service.state;
    const code = s.price.currency;
    const totals = sums.get(code) ?? { mrr: zero(), new: zero(), cancelled: zero(), suspended: zero() };
    sums.set(code, totals);
    const twelfths = s.price.amountMinor * (12 / MONTHS_PER_CYCLE[s.cycle]);
    const add = (figure: Twelfths) => { figure.twelfths += twelfths; figure.services += 1; };
    if (s.status === 'active') add(totals.mrr);
    if (inMonth(s.createdAt)) add(totals.new);
    if (s.status === 'cancelled' && inMonth(s.cancelledAt)) add(totals.cancelled);
    if (s.status === 'suspended' && inMonth(s.suspension?.at)) add(totals.suspended);
  }
  const monthly = (f: Twelfths): RevenueFigure => ({ amount: Math.floor((f.twelfths + 6) / 12), services: f.services });
  return [...sums.keys()].sort().map((code) => {
    const t = sums.get(code)!;
    return { currency: code, mrr: monthly(t.mrr), new: monthly(t.new), cancelled: monthly(t.cancelled), suspended: monthly(t.suspended) };
  });
}

function zero(): { twelfths: number; services: number } {
  return { twelfths: 0, services: 0 };
}
