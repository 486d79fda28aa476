import { escapeHtml, page } from './html.js';
import { formatMoney } from './money.js';
import type { Order } from './objects.js';
import { approveOrder, settleCapture } from './orders.js';
import type { CaptureBehavior, PayPalStore } from './store.js';
import { SubscriptionPages } from './subscription-pages.js';

export interface PageResponse {
  status: number;
  html?: string;
  location?: string;
}

const DECISIONS: Readonly<Record<string, CaptureBehavior>> = { approve: 'complete', pending: 'pending', deny: 'deny' };

/**
 * PayPal's approval page (`/checkoutnow?token=<order id>`), where the buyer approves or cancels an
 * order; approving sends the browser to the order's return URL with `token` and `PayerID`, as PayPal
 * does. The sandbox adds two choices that a real buyer makes through their funding source: a capture
 * that stays pending (an eCheck), and one that is denied. Also a page per pending capture, to clear or
 * bounce it as the bank would. Subscriptions have their own pages (subscription-pages.ts).
 */
export class ApprovalPages {
  private readonly subscriptions: SubscriptionPages;

  constructor(private readonly store: PayPalStore) {
    this.subscriptions = new SubscriptionPages(store);
  }

  handle(method: string, url: URL, form: URLSearchParams): PageResponse | undefined {
    const subscriptionPage = this.subscriptions.handle(method, url, form);
    if (subscriptionPage) return subscriptionPage;
    if (url.pathname === '/checkoutnow') return this.checkout(method, url.searchParams.get('token') ?? '', form);
    const capture = /^\/captures\/([A-Z0-9]+)$/.exec(url.pathname);
    if (capture) return this.pendingCapture(method, capture[1]!, form);
    return undefined;
  }

  private checkout(method: string, token: string, form: URLSearchParams): PageResponse {
    const order = this.store.order(token);
    if (!order) return { status: 404, html: page('Not found', '<h1>This PayPal order does not exist.</h1>') };
    // Checked when the choice is POSTed too: another tab may have approved the order meanwhile.
    if (order.status !== 'PAYER_ACTION_REQUIRED' && order.status !== 'CREATED') return { status: 410, html: this.closed(order) };
    if (method === 'GET') return { status: 200, html: this.form(order) };
    if (method !== 'POST') return { status: 405, html: page('Not allowed', '<h1>Method not allowed</h1>') };
    const settings = this.store.settings.get(order.id) ?? {};
    const decision = form.get('decision') ?? '';
    if (decision === 'cancel') {
      return settings.cancelUrl ? { status: 303, location: withParams(settings.cancelUrl, { token: order.id }) } : { status: 200, html: page('Cancelled', '<h1>You cancelled this payment.</h1>') };
    }
    const behavior = DECISIONS[decision];
    if (!behavior) return { status: 400, html: this.form(order) };
    approveOrder(this.store, order, behavior);
    const payerId = order.payer?.payer_id ?? '';
    return settings.returnUrl
      ? { status: 303, location: withParams(settings.returnUrl, { token: order.id, PayerID: payerId }) }
      : { status: 200, html: page('Approved', '<h1>You approved this payment.</h1>') };
  }

  private pendingCapture(method: string, captureId: string, form: URLSearchParams): PageResponse {
    const found = this.store.captures.get(captureId);
    if (!found) return { status: 404, html: page('Not found', '<h1>This capture does not exist.</h1>') };
    const { capture } = found;
    if (method === 'POST' && capture.status === 'PENDING') {
      const outcome = form.get('outcome');
      if (outcome === 'COMPLETED' || outcome === 'DECLINED') settleCapture(this.store, captureId, outcome);
    }
    const actions = capture.status === 'PENDING'
      ? `<form method="post"><button type="submit" name="outcome" value="COMPLETED">The eCheck clears (capture completed)</button>
<button type="submit" name="outcome" value="DECLINED" class="secondary">The eCheck bounces (capture denied)</button></form>`
      : '';
    return { status: 200, html: page('Capture', `<h1>Capture ${escapeHtml(capture.id)}</h1><p class="amount">${escapeHtml(formatMoney(capture.amount))}</p><p>Status: <strong>${escapeHtml(capture.status)}</strong></p>${actions}`) };
  }

  private form(order: Order): string {
    const unit = order.purchase_units[0]!;
    const brand = this.store.settings.get(order.id)?.brandName;
    return page('Pay with PayPal', `<h1>Pay with PayPal</h1>
<p>${escapeHtml(brand ?? 'The merchant')} asks you to pay</p>
<p class="amount">${escapeHtml(formatMoney(unit.amount))}</p>
${unit.description ? `<p>${escapeHtml(unit.description)}</p>` : ''}
<p class="hint">Signed in as the sandbox buyer. Nothing is charged until the merchant captures the payment.</p>
<form method="post" action="/checkoutnow?token=${encodeURIComponent(order.id)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="pending" class="secondary">Approve, capture stays pending (eCheck)</button>
<button type="submit" name="decision" value="deny" class="secondary">Approve, capture is denied</button>
<button type="submit" name="decision" value="cancel" class="secondary">Cancel</button>
</form>`);
  }

  private closed(order: Order): string {
    const settings = this.store.settings.get(order.id);
    const back = settings?.returnUrl && order.status !== 'VOIDED'
      ? `<p><a href="${escapeHtml(withParams(settings.returnUrl, { token: order.id }))}">Return to the merchant</a></p>` : '';
    return page('Order closed', `<h1>This order can no longer be approved.</h1><p>Its status is ${escapeHtml(order.status)}. Nothing was charged by this attempt.</p>${back}`);
  }
}

function withParams(target: string, params: Record<string, string>): string {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}
