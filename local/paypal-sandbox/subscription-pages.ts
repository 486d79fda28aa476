import type { PageResponse } from './approval-pages.js';
import { escapeHtml, page } from './html.js';
import { formatMoney } from './money.js';
import { planCycle } from './renewals.js';
import type { PayPalStore, SubscriptionRecord } from './store.js';
import { approveSubscription, cancelSubscription } from './subscriptions.js';

/**
 * PayPal's subscription approval page (`/webapps/billing/subscriptions?ba_token=BA-…`, the `approve`
 * link), where the buyer agrees to pay the plan's price every cycle or goes back. Approving activates
 * the subscription, bills its first cycle (unless its `start_time` is later) and sends the browser to
 * the return URL with `subscription_id`, `ba_token` and `token`, as PayPal does; cancelling sends it to
 * the cancel URL with the same, and the subscription stays APPROVAL_PENDING. Also a page per
 * subscription (`/billing/subscriptions/<id>`), in the manner of the buyer's PayPal account: its
 * state, a switch that makes the next renewal payment fail, and the buyer's own cancel.
 */
export class SubscriptionPages {
  constructor(private readonly store: PayPalStore) {}

  handle(method: string, url: URL, form: URLSearchParams): PageResponse | undefined {
    if (url.pathname === '/webapps/billing/subscriptions') return this.approval(method, url.searchParams.get('ba_token') ?? '', form);
    const manage = /^\/billing\/subscriptions\/([A-Z0-9-]+)$/.exec(url.pathname);
    if (manage) return this.manage(method, manage[1]!, form);
    return undefined;
  }

  private approval(method: string, token: string, form: URLSearchParams): PageResponse {
    const record = [...this.store.subscriptions.values()].find((r) => r.baToken === token);
    if (!record) return { status: 404, html: page('Not found', '<h1>This PayPal subscription does not exist.</h1>') };
    const { subscription } = record;
    // Checked when the choice is POSTed too: another tab may have approved it meanwhile.
    if (subscription.status !== 'APPROVAL_PENDING') {
      return { status: 410, html: page('Subscription closed', `<h1>This subscription can no longer be approved.</h1><p>Its status is ${escapeHtml(subscription.status)}. Nothing was charged by this attempt.</p>`) };
    }
    if (method === 'GET') return { status: 200, html: this.form(record) };
    if (method !== 'POST') return { status: 405, html: page('Not allowed', '<h1>Method not allowed</h1>') };
    const back = { subscription_id: subscription.id, ba_token: record.baToken, token: record.baToken };
    const decision = form.get('decision');
    if (decision === 'cancel') {
      return record.cancelUrl ? { status: 303, location: withParams(record.cancelUrl, back) } : { status: 200, html: page('Cancelled', '<h1>You did not agree to this subscription.</h1>') };
    }
    if (decision !== 'approve' && decision !== 'approve-renewals-fail') return { status: 400, html: this.form(record) };
    if (decision === 'approve-renewals-fail') record.failNextRenewals = Number.MAX_SAFE_INTEGER;
    approveSubscription(this.store, record);
    return record.returnUrl
      ? { status: 303, location: withParams(record.returnUrl, back) }
      : { status: 200, html: page('Approved', '<h1>You agreed to this subscription.</h1>') };
  }

  private manage(method: string, id: string, form: URLSearchParams): PageResponse {
    const record = this.store.subscriptions.get(id);
    if (!record) return { status: 404, html: page('Not found', '<h1>This PayPal subscription does not exist.</h1>') };
    const { subscription } = record;
    const live = subscription.status === 'ACTIVE' || subscription.status === 'SUSPENDED';
    if (method === 'POST' && live) {
      const action = form.get('action');
      if (action === 'fail-next-renewal') record.failNextRenewals++;
      if (action === 'cancel') cancelSubscription(this.store, id, { reason: 'Cancelled by the buyer in their PayPal account' });
    }
    const next = subscription.billing_info?.next_billing_time;
    const actions = subscription.status === 'ACTIVE' || subscription.status === 'SUSPENDED'
      ? `<form method="post"><button type="submit" name="action" value="fail-next-renewal" class="secondary">The next renewal payment fails${record.failNextRenewals > 0 ? ` (${record.failNextRenewals > 1_000_000 ? 'every one' : record.failNextRenewals} set)` : ''}</button>
<button type="submit" name="action" value="cancel" class="secondary">Cancel this subscription (as the buyer)</button></form>`
      : '';
    return { status: 200, html: page('Subscription', `<h1>Subscription ${escapeHtml(subscription.id)}</h1>
<p>Status: <strong>${escapeHtml(subscription.status)}</strong></p>
<p>${escapeHtml(this.price(record))}</p>
${next ? `<p>Next payment: ${escapeHtml(next)}</p>` : ''}
${subscription.billing_info?.last_payment ? `<p>Last payment: ${escapeHtml(formatMoney(subscription.billing_info.last_payment.amount))} on ${escapeHtml(subscription.billing_info.last_payment.time)}</p>` : ''}
${actions}`) };
  }

  private form(record: SubscriptionRecord): string {
    const plan = this.store.plans.get(record.subscription.plan_id)!;
    const product = this.store.products.get(plan.product_id);
    const pageUrl = `/webapps/billing/subscriptions?ba_token=${encodeURIComponent(record.baToken)}`;
    return page('Subscribe with PayPal', `<h1>Subscribe with PayPal</h1>
<p>${escapeHtml(record.brandName ?? 'The merchant')} asks you to agree to automatic payments for</p>
<p><strong>${escapeHtml(product?.name ?? plan.name)}</strong>${plan.description ? `<br>${escapeHtml(plan.description)}` : ''}</p>
<p class="amount">${escapeHtml(this.price(record))}</p>
<p class="hint">Signed in as the sandbox buyer. The first payment is taken when you agree; later ones on each billing date, until cancelled.</p>
<form method="post" action="${escapeHtml(pageUrl)}">
<button type="submit" name="decision" value="approve">Agree and subscribe</button>
<button type="submit" name="decision" value="approve-renewals-fail" class="secondary">Agree; every renewal payment will fail</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel and return to the merchant</button>
</form>`);
  }

  private price(record: SubscriptionRecord): string {
    const cycle = planCycle(this.store.plans.get(record.subscription.plan_id)!);
    const { interval_unit: unit, interval_count: count } = cycle.frequency;
    const every = count === 1 ? unit.toLowerCase() : `${count} ${unit.toLowerCase()}s`;
    const times = cycle.total_cycles > 0 ? `, ${cycle.total_cycles} times` : '';
    return `${formatMoney(cycle.pricing_scheme.fixed_price)} every ${every}${times}`;
  }
}

function withParams(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}
