import { ApiError } from './api-error.js';
import { textField } from './catalog.js';
import type { Subscription } from './billing-objects.js';
import { paypalId } from './ids.js';
import { moneyOf } from './money.js';
import { BUYER } from './orders.js';
import { billCycle, cycleTime, planCycle } from './renewals.js';
import { end, ownLinks, setStatus } from './subscription-status.js';
import { isoTime as iso, type PayPalStore, type SubscriptionRecord } from './store.js';

const API = 'subscriptions/v1';

interface CreateBody {
  plan_id?: unknown;
  start_time?: unknown;
  quantity?: unknown;
  custom_id?: unknown;
  subscriber?: { email_address?: unknown; name?: { given_name?: unknown; surname?: unknown } };
  application_context?: { brand_name?: unknown; return_url?: unknown; cancel_url?: unknown };
}

/**
 * `POST /v1/billing/subscriptions`: a subscription to an ACTIVE plan, `APPROVAL_PENDING` with an
 * `approve` link to the sandbox's approval page. `start_time` (optional, not in the past by more than
 * a minute) is when the first cycle is billed; by default, at approval.
 */
export function createSubscription(store: PayPalStore, body: CreateBody): Subscription {
  const planId = textField(body.plan_id, 50, '/plan_id', true)!;
  const plan = store.plans.get(planId);
  if (!plan) throw ApiError.notFound();
  if (plan.status !== 'ACTIVE') {
    throw ApiError.unprocessable('PLAN_STATUS_INVALID', 'Invalid plan status for create subscription action; plan status should be active.', API);
  }
  const now = store.now();
  let start = now;
  if (body.start_time !== undefined) {
    start = typeof body.start_time === 'string' ? Date.parse(body.start_time) : Number.NaN;
    if (Number.isNaN(start)) throw ApiError.invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', '/start_time');
    if (start < now - 60_000) throw ApiError.unprocessable('START_TIME_MUST_BE_IN_FUTURE', 'Start time must be current or a future time.', API);
  }
  if (body.quantity !== undefined && body.quantity !== '1') {
    throw ApiError.unprocessable('QUANTITY_NOT_SUPPORTED', 'The plan does not support quantity (quantity_supported is false).', API);
  }
  const customId = textField(body.custom_id, 127, '/custom_id');
  const context = body.application_context ?? {};
  const returnUrl = url(context.return_url, '/application_context/return_url');
  const cancelUrl = url(context.cancel_url, '/application_context/cancel_url');
  const brandName = textField(context.brand_name, 127, '/application_context/brand_name');
  const given = body.subscriber;
  const email = textField(given?.email_address, 254, '/subscriber/email_address');
  const name = given?.name
    ? { given_name: textField(given.name.given_name, 140, '/subscriber/name/given_name') ?? '', surname: textField(given.name.surname, 140, '/subscriber/name/surname') ?? '' }
    : undefined;

  const id = `I-${paypalId(12)}`;
  const baToken = `BA-${paypalId()}`;
  const created = store.isoNow();
  const subscription: Subscription = {
    id,
    plan_id: planId,
    status: 'APPROVAL_PENDING',
    status_update_time: created,
    start_time: iso(start),
    quantity: '1',
    ...(customId ? { custom_id: customId } : {}),
    plan_overridden: false,
    ...(email || name ? { subscriber: { ...(name ? { name } : {}), ...(email ? { email_address: email } : {}) } } : {}),
    create_time: created,
    update_time: created,
    links: [
      { href: `${store.urls.pageBase}/webapps/billing/subscriptions?ba_token=${baToken}`, rel: 'approve', method: 'GET' },
      ...ownLinks(store, id, ['edit', 'self']),
    ],
  };
  store.subscriptions.set(id, { subscription, baToken, returnUrl, cancelUrl, ...(brandName ? { brandName } : {}), nextCycle: 0, failNextRenewals: 0 });
  store.emit('BILLING.SUBSCRIPTION.CREATED', subscription, 'Subscription created');
  return subscription;
}

export function subscriptionRecord(store: PayPalStore, id: string): SubscriptionRecord {
  const record = store.subscriptions.get(id);
  if (!record) throw ApiError.notFound();
  return record;
}

/** The buyer approved on the approval page: ACTIVE at once, and the first cycle is billed now unless `start_time` is later. */
export function approveSubscription(store: PayPalStore, record: SubscriptionRecord): void {
  const { subscription } = record;
  const plan = store.plans.get(subscription.plan_id)!;
  const cycle = planCycle(plan);
  const now = store.now();
  const anchor = Math.max(now, Date.parse(subscription.start_time));
  record.anchor = anchor;
  subscription.subscriber = { ...subscription.subscriber, name: { ...BUYER.name }, email_address: BUYER.email_address, payer_id: BUYER.payer_id };
  subscription.billing_info = {
    outstanding_balance: moneyOf(0, cycle.pricing_scheme.fixed_price.currency_code),
    cycle_executions: [{
      tenure_type: 'REGULAR', sequence: cycle.sequence, cycles_completed: 0, cycles_remaining: cycle.total_cycles,
      current_pricing_scheme_version: cycle.pricing_scheme.version, total_cycles: cycle.total_cycles,
    }],
    next_billing_time: iso(anchor),
    ...(cycle.total_cycles > 0 ? { final_payment_time: iso(cycleTime(anchor, cycle, cycle.total_cycles - 1)) } : {}),
    failed_payments_count: 0,
  };
  setStatus(store, record, 'ACTIVE');
  store.emit('BILLING.SUBSCRIPTION.ACTIVATED', subscription, 'Subscription activated');
  if (anchor <= now) billCycle(store, record, anchor);
}

/** `POST …/cancel` (204): only an ACTIVE or SUSPENDED subscription, as at PayPal; it never bills again. */
export function cancelSubscription(store: PayPalStore, id: string, body: { reason?: unknown }): void {
  const record = subscriptionRecord(store, id);
  const reason = textField(body.reason, 128, '/reason', true)!;
  if (record.subscription.status !== 'ACTIVE' && record.subscription.status !== 'SUSPENDED') {
    throw ApiError.unprocessable('SUBSCRIPTION_STATUS_INVALID', 'Invalid subscription status for cancel action; subscription status should be active or suspended.', API);
  }
  end(store, record, 'CANCELLED', reason);
  store.emit('BILLING.SUBSCRIPTION.CANCELLED', record.subscription, 'Subscription cancelled');
}

/** `POST …/suspend` (204): only an ACTIVE subscription; nothing is billed while suspended. */
export function suspendSubscription(store: PayPalStore, id: string, body: { reason?: unknown }, note?: string): void {
  const record = subscriptionRecord(store, id);
  const reason = note ?? textField(body.reason, 128, '/reason', true)!;
  if (record.subscription.status !== 'ACTIVE') {
    throw ApiError.unprocessable('SUBSCRIPTION_STATUS_INVALID', 'Invalid subscription status for suspend action; subscription status should be active.', API);
  }
  setStatus(store, record, 'SUSPENDED', reason);
  store.emit('BILLING.SUBSCRIPTION.SUSPENDED', record.subscription, 'Subscription suspended');
}

/**
 * `POST …/activate` (204): only a SUSPENDED subscription. Cycles that fell due while it was suspended
 * are skipped, not billed: billing resumes with the first cycle from now.
 */
export function activateSubscription(store: PayPalStore, id: string, body: { reason?: unknown }): void {
  const record = subscriptionRecord(store, id);
  const reason = textField(body.reason, 128, '/reason');
  if (record.subscription.status !== 'SUSPENDED') {
    throw ApiError.unprocessable('SUBSCRIPTION_STATUS_INVALID', 'Invalid subscription status for activate action; subscription status should be suspended.', API);
  }
  const cycle = planCycle(store.plans.get(record.subscription.plan_id)!);
  while (cycleTime(record.anchor!, cycle, record.nextCycle) < store.now()) record.nextCycle++;
  if (cycle.total_cycles > 0 && record.nextCycle >= cycle.total_cycles) {
    end(store, record, 'EXPIRED');
    store.emit('BILLING.SUBSCRIPTION.EXPIRED', record.subscription, 'Subscription expired');
    return;
  }
  record.subscription.billing_info!.next_billing_time = iso(cycleTime(record.anchor!, cycle, record.nextCycle));
  setStatus(store, record, 'ACTIVE', reason);
  store.emit('BILLING.SUBSCRIPTION.ACTIVATED', record.subscription, 'Subscription activated');
}

function url(value: unknown, field: string): string {
  const text = textField(value, 4000, field);
  if (text === undefined) return '';
  try {
    return new URL(text).href;
  } catch {
    throw ApiError.invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', field);
  }
}
