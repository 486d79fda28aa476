import type { BillingCycle, Plan, Sale } from './billing-objects.js';
import { paypalId } from './ids.js';
import { balanceUnits, moneyOf, unitsOf } from './money.js';
import { end, setStatus } from './subscription-status.js';
import { isoTime, type PayPalStore, type SubscriptionRecord } from './store.js';

const DAY_MS = 86_400_000;

/** The plan's one REGULAR cycle (the sandbox makes no other kind). */
export function planCycle(plan: Plan): BillingCycle {
  return plan.billing_cycles[0]!;
}

/**
 * When cycle `n` (0: the first) is due, counted from `anchor` (ms) on the UTC calendar: months and
 * years keep the anchor's day and time of day, clamped to the end of a shorter month (billed on the
 * 31st: 28 or 29 February, then 31 March again), as PayPal bills; days and weeks are fixed lengths.
 */
export function cycleTime(anchor: number, cycle: Pick<BillingCycle, 'frequency'>, n: number): number {
  const { interval_unit: unit, interval_count: count } = cycle.frequency;
  if (unit === 'DAY' || unit === 'WEEK') return anchor + n * count * (unit === 'WEEK' ? 7 : 1) * DAY_MS;
  const start = new Date(anchor);
  const months = start.getUTCMonth() + n * count * (unit === 'YEAR' ? 12 : 1);
  const lastDay = new Date(Date.UTC(start.getUTCFullYear(), months + 1, 0)).getUTCDate();
  return Date.UTC(start.getUTCFullYear(), months, Math.min(start.getUTCDate(), lastDay),
    start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds());
}

/**
 * Bills the subscription's next cycle as of `at` (ms, when it fell due): a sale and
 * `PAYMENT.SALE.COMPLETED`, or, when the buyer's funding is set to fail, `BILLING.SUBSCRIPTION.PAYMENT.
 * FAILED` (and `.SUSPENDED` once the plan's `payment_failure_threshold` is reached). Either way the
 * next billing time moves one interval on; a failed amount stays in `outstanding_balance` (the sandbox
 * does not retry it).
 */
export function billCycle(store: PayPalStore, record: SubscriptionRecord, at: number): void {
  const { subscription } = record;
  const plan = store.plans.get(subscription.plan_id)!;
  const cycle = planCycle(plan);
  const info = subscription.billing_info!;
  const price = cycle.pricing_scheme.fixed_price;
  const execution = info.cycle_executions[0]!;
  const time = isoTime(at);
  record.nextCycle++;
  const finished = cycle.total_cycles > 0 && record.nextCycle >= cycle.total_cycles;
  if (finished) {
    delete info.next_billing_time;
    record.endsAt = cycleTime(record.anchor!, cycle, record.nextCycle);
  } else {
    info.next_billing_time = isoTime(cycleTime(record.anchor!, cycle, record.nextCycle));
  }
  execution.cycles_remaining = cycle.total_cycles > 0 ? cycle.total_cycles - record.nextCycle : 0;
  subscription.update_time = time;

  if (record.failNextRenewals > 0 && record.nextCycle > 1) {
    record.failNextRenewals--;
    info.failed_payments_count++;
    info.last_failed_payment = { amount: { ...price }, time, reason_code: 'PAYMENT_DENIED' };
    info.outstanding_balance = moneyOf(balanceUnits(info.outstanding_balance) + unitsOf(price, 'price'), price.currency_code);
    store.emit('BILLING.SUBSCRIPTION.PAYMENT.FAILED', subscription, 'Subscription payment failed', at);
    const threshold = plan.payment_preferences.payment_failure_threshold;
    if (threshold > 0 && info.failed_payments_count >= threshold) {
      setStatus(store, record, 'SUSPENDED', 'Payment failure threshold reached', at);
      store.emit('BILLING.SUBSCRIPTION.SUSPENDED', subscription, 'Subscription suspended', at);
    }
    return;
  }
  const units = unitsOf(price, 'price');
  const saleId = paypalId();
  const sale: Sale = {
    id: saleId,
    state: 'completed',
    amount: { total: price.value, currency: price.currency_code, details: { subtotal: price.value } },
    payment_mode: 'INSTANT_TRANSFER',
    protection_eligibility: 'ELIGIBLE',
    protection_eligibility_type: 'ITEM_NOT_RECEIVED_ELIGIBLE,UNAUTHORIZED_PAYMENT_ELIGIBLE',
    transaction_fee: { value: moneyOf(Math.round(units * 0.0349), price.currency_code).value, currency: price.currency_code },
    billing_agreement_id: subscription.id,
    ...(subscription.custom_id ? { custom: subscription.custom_id } : {}),
    invoice_number: '',
    create_time: time,
    update_time: time,
    links: [
      { href: `${store.urls.apiBase}/v1/payments/sale/${saleId}`, rel: 'self', method: 'GET' },
      { href: `${store.urls.apiBase}/v1/payments/sale/${saleId}/refund`, rel: 'refund', method: 'POST' },
    ],
  };
  execution.cycles_completed++;
  info.last_payment = { amount: { ...price }, time };
  store.sales.set(saleId, sale);
  store.saleLog.push({ saleId, subscriptionId: subscription.id, ...(subscription.custom_id ? { customId: subscription.custom_id } : {}), amount: price.value, currency: price.currency_code, at });
  store.emit('PAYMENT.SALE.COMPLETED', sale, `Payment completed for ${price.value} ${price.currency_code}`, at);
}

/**
 * What the local clock has made due: every ACTIVE subscription whose next billing time has passed is
 * billed, one cycle at a time, oldest first across all subscriptions, so a clock moved on by a year
 * bills each missed cycle once, in order, each at its own time. A plan with a fixed number of cycles
 * expires when its last period ends. Answers how many cycles were billed.
 */
export function renewDue(store: PayPalStore): number {
  const now = store.now();
  let billed = 0;
  for (;;) {
    let due: { record: SubscriptionRecord; at: number; expires: boolean } | undefined;
    for (const record of store.subscriptions.values()) {
      if (record.subscription.status !== 'ACTIVE') continue;
      const next = record.subscription.billing_info?.next_billing_time;
      const at = next ? Date.parse(next) : record.endsAt;
      if (at !== undefined && at <= now && (!due || at < due.at)) due = { record, at, expires: !next };
    }
    if (!due) return billed;
    if (due.expires) {
      end(store, due.record, 'EXPIRED', undefined, due.at);
      store.emit('BILLING.SUBSCRIPTION.EXPIRED', due.record.subscription, 'Subscription expired', due.at);
    } else {
      billCycle(store, due.record, due.at);
      billed++;
    }
  }
}
