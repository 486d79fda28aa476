import { ApiError } from './api-error.js';
import type { ApiContext } from './api.js';
import type { FormObject } from './form.js';
import { newId } from './ids.js';
import type { CheckoutSession } from './objects.js';
import { amountAndCurrency, int, list, metadata, obj, requiredStr, str } from './params.js';
import type { SandboxStore } from './store.js';

/** Stripe's bounds for `expires_at` (stripe-node's `SessionCreateParams.expires_at`). */
const MIN_LIFETIME_S = 30 * 60;
const MAX_LIFETIME_S = 24 * 3600;

/**
 * Creates a Checkout Session. Its life, as Stripe runs it: created `open` with an `expires_at` 30 minutes to
 * 24 hours ahead (24 hours by default); then either `complete` (paid or card saved, on the hosted
 * page) or `expired` (by `POST …/expire` or because `expires_at` passed), each final. `url` is only
 * present while the session is open (stripe-node's `Checkout.Session.url`). Expiring cancels the
 * session's PaymentIntent or SetupIntent if one was started: Stripe lets a Checkout Session's intent
 * be cancelled only by expiring the session.
 */

export function createCheckoutSession(ctx: ApiContext, params: FormObject): CheckoutSession {
  const mode = requiredStr(params, 'mode');
  if (mode !== 'payment' && mode !== 'setup') throw ApiError.invalidRequest(`The sandbox supports mode 'payment' and 'setup', not '${mode}'.`, 'mode');
  const successUrl = requiredStr(params, 'success_url');
  const cancelUrl = str(params, 'cancel_url') ?? null;
  const customer = str(params, 'customer') ?? null;
  if (customer) ctx.store.customer(customer);
  const created = ctx.store.nowSeconds();
  const expiresAt = expiresAtFor(params, created);
  let amount: number | null = null;
  let currency: string | null = str(params, 'currency') ?? null;
  let productName = 'Setup';
  if (mode === 'payment') {
    const items = list(params, 'line_items');
    if (items.length === 0) throw ApiError.invalidRequest('Missing required param: line_items.', 'line_items', 'parameter_missing');
    amount = 0;
    items.forEach((item, i) => {
      if (typeof item !== 'object' || Array.isArray(item)) throw ApiError.invalidRequest('Invalid line item', `line_items[${i}]`);
      const priceData = obj(item, 'price_data');
      const line = amountAndCurrency(priceData, 'unit_amount', 'currency');
      const quantity = int(item, 'quantity') ?? 1;
      if (currency && currency !== line.currency) throw ApiError.invalidRequest('All line items must share one currency.', `line_items[${i}][price_data][currency]`);
      currency = line.currency;
      amount = (amount ?? 0) + line.amount * quantity;
      productName = str(obj(priceData, 'product_data'), 'name') ?? productName;
    });
  } else if (!currency && list(params, 'allowed_payment_method_types').length === 0) {
    throw ApiError.invalidRequest('currency is required in setup mode when allowed_payment_method_types is not set.', 'currency', 'parameter_missing');
  }
  const piData = obj(params, 'payment_intent_data');
  const setupFutureUsage = str(piData, 'setup_future_usage');
  if (setupFutureUsage !== undefined && setupFutureUsage !== 'off_session' && setupFutureUsage !== 'on_session') {
    throw ApiError.invalidRequest(`Invalid setup_future_usage: ${setupFutureUsage}`, 'payment_intent_data[setup_future_usage]');
  }
  const id = newId('cs_test', 58);
  const session: CheckoutSession = {
    id,
    object: 'checkout.session',
    created,
    livemode: false,
    mode,
    status: 'open',
    payment_status: mode === 'setup' ? 'no_payment_required' : 'unpaid',
    customer,
    client_reference_id: str(params, 'client_reference_id') ?? null,
    amount_total: amount,
    amount_subtotal: amount,
    currency,
    metadata: metadata(params),
    payment_intent: null,
    setup_intent: null,
    success_url: successUrl,
    cancel_url: cancelUrl,
    url: `${ctx.publicBaseUrl}/checkout/${id}`,
    expires_at: expiresAt,
    payment_method_types: ['card'],
  };
  ctx.store.sessions.set(id, session);
  ctx.store.sessionSettings.set(id, {
    productName,
    paymentIntentData: { setupFutureUsage: setupFutureUsage ?? null, metadata: metadata(piData), description: str(piData, 'description') ?? null },
    setupIntentMetadata: metadata(obj(params, 'setup_intent_data')),
  });
  return session;
}

/** `expires_at` (Unix seconds) within Stripe's bounds, both included; a 400 naming it otherwise. */
function expiresAtFor(params: FormObject, created: number): number {
  const expiresAt = int(params, 'expires_at');
  if (expiresAt === undefined) return created + MAX_LIFETIME_S;
  if (expiresAt < created + MIN_LIFETIME_S) {
    throw ApiError.invalidRequest(`expires_at must be at least 30 minutes after the Checkout Session is created (${created + MIN_LIFETIME_S} or later).`, 'expires_at');
  }
  if (expiresAt > created + MAX_LIFETIME_S) {
    throw ApiError.invalidRequest(`expires_at must be at most 24 hours after the Checkout Session is created (${created + MAX_LIFETIME_S} or earlier).`, 'expires_at');
  }
  return expiresAt;
}

/**
 * `POST /v1/checkout/sessions/:id/expire`: an open session becomes `expired` and the answer is the
 * session. Any other status is refused with 400 `invalid_request_error`, without a code (Stripe's
 * spec and stripe-node name none for this refusal).
 */
export function expireCheckoutSession(ctx: ApiContext, _params: FormObject, id: string): CheckoutSession {
  const session = ctx.store.sessions.get(id);
  if (!session) throw ApiError.missing('checkout.session', id);
  if (session.status !== 'open') {
    throw ApiError.refused(`Only a Checkout Session whose status is "open" can be expired; this one's status is "${session.status}".`);
  }
  expireSession(ctx.store, session);
  return session;
}

/**
 * Expires every open session whose `expires_at` has passed on the sandbox's clock, as Stripe does on
 * its own; the sandbox does it at each request, before anything looks at a session. Returns how many.
 */
export function expireDueSessions(store: SandboxStore): number {
  const now = store.nowSeconds();
  let expired = 0;
  for (const session of store.sessions.values()) {
    if (session.status === 'open' && now >= session.expires_at) {
      expireSession(store, session);
      expired++;
    }
  }
  return expired;
}

function expireSession(store: SandboxStore, session: CheckoutSession): void {
  session.status = 'expired';
  session.url = null;
  store.emit('checkout.session.expired', session);
  const pi = typeof session.payment_intent === 'string' ? store.paymentIntents.get(session.payment_intent) : undefined;
  if (pi && pi.status !== 'succeeded' && pi.status !== 'canceled') {
    pi.status = 'canceled';
    pi.canceled_at = store.nowSeconds();
    pi.next_action = null;
    store.emit('payment_intent.canceled', pi);
  }
  const si = typeof session.setup_intent === 'string' ? store.setupIntents.get(session.setup_intent) : undefined;
  if (si && si.status !== 'succeeded' && si.status !== 'canceled') {
    si.status = 'canceled';
    store.emit('setup_intent.canceled', si);
  }
}
