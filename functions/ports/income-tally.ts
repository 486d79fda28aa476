import type { CalendarDate } from '../domain/calendar-date.js';
import type { Money } from '../domain/money.js';
import type { PaymentMethod } from '../domain/payment.js';

/** One payment's money counted into its day: the day it was received in `timeZone`. */
export interface TalliedPayment {
  readonly method: PaymentMethod;
  readonly externalId: string;
  /** What was received (the payment's `amount`), in its own currency. */
  readonly amount: Money;
  readonly timeZone: string;
  readonly day: CalendarDate;
}

/** What one day received in one currency by one method: sum in minor units, and how many payments. */
export interface DayIncome {
  readonly day: CalendarDate;
  readonly currency: string;
  readonly method: PaymentMethod;
  readonly amountMinor: number;
  readonly count: number;
}

/**
 * Income counted per calendar day of the provider's time zone, kept up to date as payments are
 * recorded (the `tally` outbox effect) and filled in for older payments by
 * scripts/backfill-income-tally.ts, so that the dashboard reads a few hundred small items instead of
 * every payment (ACCESS-PATTERNS.md "Income by day").
 *
 * Counts are kept per time zone: a provider who changes BILLING_TIME_ZONE re-runs the backfill, which
 * fills the new zone's days from every payment (the old zone's are left unread).
 */
export interface IncomeTally {
  /**
   * Adds the payment to its day, once per (payment, time zone) however often it is called, however
   * many calls at once: `already_added` when it was counted before (the stream delivering again, the
   * backfill beside live traffic).
   */
  add(payment: TalliedPayment): Promise<'added' | 'already_added'>;
  /** The days from `from` to `to` (both inclusive) in `timeZone` that received anything, oldest first. */
  days(timeZone: string, range: { from: CalendarDate; to: CalendarDate }): Promise<DayIncome[]>;
}
