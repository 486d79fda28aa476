import type { Money } from '../domain/money.js';
import type { PaymentMethod } from '../domain/payment.js';
import { calendarDateIn } from '../domain/zoned-calendar.js';
import type { IncomeTally } from '../ports/income-tally.js';

export interface TallyIncomeDeps {
  incomeTally: IncomeTally;
  /** The provider's calendar (BILLING_TIME_ZONE) at the time of counting. */
  schedulePolicy: { timeZone: string };
}

/**
 * Counts a payment received into the income of its calendar day in the provider's time zone, once
 * (IncomeTally.add): the outbox consumer calls it for each `tally` effect, and the backfill
 * (scripts/backfill-income-tally.ts) for each payment recorded before. Money paid from account credit
 * is not income (see `isIncome`) and never reaches here.
 */
export async function tallyIncome(
  deps: TallyIncomeDeps,
  payment: { method: PaymentMethod; externalId: string; amount: Money; receivedAt: string },
): Promise<'added' | 'already_added'> {
  const { timeZone } = deps.schedulePolicy;
  return deps.incomeTally.add({
    method: payment.method, externalId: payment.externalId, amount: payment.amount, timeZone,
    day: calendarDateIn(new Date(payment.receivedAt), timeZone),
  });
}
