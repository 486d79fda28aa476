import { ApiError } from './api-error.js';
import type { FormObject } from './form.js';
import { createCheckoutSession, expireCheckoutSession } from './checkout-sessions.js';
import type { StripeSandboxFaults } from './faults.js';
import { confirmPayment, createPaymentIntent } from './payments.js';
import type { List, PaymentIntent, StripeObject } from './objects.js';
import { amountAndCurrency, bool, int, list, metadata, requiredStr, str } from './params.js';
import { REFUND_REASONS, refundPayment } from './refunds.js';
import type { SandboxStore } from './store.js';
import { testCardByToken } from './test-cards.js';

export interface ApiRequest {
  method: string;
  path: string;
  params: FormObject;
}

export interface ApiContext {
  store: SandboxStore;
  /** Where the sandbox's own pages are served, for Checkout Session urls. */
  publicBaseUrl: string;
  /** The faults that act inside an endpoint rather than in front of it. */
  faults: Pick<StripeSandboxFaults, 'refuseNextRefunds'>;
}

type Handler = (ctx: ApiContext, params: FormObject, id: string) => unknown;

/** The parameters an endpoint knows; `true` for a value, `ANY` for free-form keys (metadata). */
const ANY = '*';
interface ParamSpec {
  [name: string]: true | typeof ANY | ParamSpec;
}
const READ: ParamSpec = { expand: true };
const LIST: ParamSpec = { expand: true, limit: true, starting_after: true, ending_before: true, type: true };
const SPECS: Readonly<Record<string, ParamSpec>> = {
  createCustomer: { expand: true, email: true, name: true, description: true, phone: true, metadata: ANY },
  createCheckoutSession: {
    expand: true, mode: true, success_url: true, cancel_url: true, customer: true, client_reference_id: true, currency: true, expires_at: true,
    allowed_payment_method_types: true, metadata: ANY, customer_email: true, locale: true,
    line_items: { quantity: true, price_data: { currency: true, unit_amount: true, product_data: { name: true, description: true } } },
    payment_intent_data: { description: true, metadata: ANY, setup_future_usage: true, statement_descriptor_suffix: true, receipt_email: true },
    setup_intent_data: { description: true, metadata: ANY },
  },
  createPaymentIntent: {
    expand: true, amount: true, currency: true, customer: true, payment_method: true, off_session: true, confirm: true,
    description: true, metadata: ANY, setup_future_usage: true, statement_descriptor_suffix: true, receipt_email: true,
  },
  attach: { expand: true, customer: true },
  detach: READ,
  createRefund: { expand: true, payment_intent: true, amount: true, reason: true, metadata: ANY },
};

/**
 * Stripe refuses parameters it does not know ("Received unknown parameter"); so does the sandbox, so
 * that a misspelt parameter in the adapter fails here rather than only in production.
 */
function checkKnown(params: FormObject, spec: ParamSpec, prefix = ''): void {
  for (const [name, value] of Object.entries(params)) {
    const full = prefix ? `${prefix}[${name}]` : name;
    const rule = spec[name];
    if (rule === undefined) throw ApiError.invalidRequest(`Received unknown parameter: ${full}`, full);
    if (rule === true || rule === ANY) continue;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (typeof item !== 'object' || Array.isArray(item)) throw ApiError.invalidRequest(`Invalid object`, full);
      checkKnown(item, rule, Array.isArray(value) ? `${full}[${i}]` : full);
    });
  }
}

const known = (spec: ParamSpec, handler: Handler): Handler => (ctx, params, id) => {
  checkKnown(params, spec);
  return handler(ctx, params, id);
};

/** The subset of Stripe's API the adapter and the tests call, by method and path pattern. */
const ROUTES: Array<[method: string, pattern: RegExp, handler: Handler]> = [
  ['POST', /^\/v1\/customers$/, known(SPECS.createCustomer!, createCustomer)],
  ['GET', /^\/v1\/customers\/([^/]+)$/, known(READ, (ctx, _p, id) => ctx.store.customer(id, 'id'))],
  ['GET', /^\/v1\/customers\/([^/]+)\/payment_methods$/, known(LIST, listCustomerPaymentMethods)],
  ['POST', /^\/v1\/checkout\/sessions$/, known(SPECS.createCheckoutSession!, createCheckoutSession)],
  ['POST', /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, known(READ, expireCheckoutSession)],
  ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, known(READ, (ctx, _p, id) => found(ctx.store.sessions.get(id), 'checkout.session', id))],
  ['POST', /^\/v1\/payment_intents$/, known(SPECS.createPaymentIntent!, createPaymentIntentRoute)],
  ['GET', /^\/v1\/payment_intents\/([^/]+)$/, known(READ, (ctx, _p, id) => found(ctx.store.paymentIntents.get(id), 'payment_intent', id))],
  ['GET', /^\/v1\/payment_methods\/([^/]+)$/, known(READ, (ctx, _p, id) => ctx.store.paymentMethod(id, 'id'))],
  ['POST', /^\/v1\/payment_methods\/([^/]+)\/attach$/, known(SPECS.attach!, attachPaymentMethod)],
  ['POST', /^\/v1\/payment_methods\/([^/]+)\/detach$/, known(SPECS.detach!, (ctx, _p, id) => ctx.store.detach(ctx.store.paymentMethod(id, 'payment_method')))],
  ['GET', /^\/v1\/setup_intents\/([^/]+)$/, known(READ, (ctx, _p, id) => found(ctx.store.setupIntents.get(id), 'setupintent', id))],
  ['GET', /^\/v1\/balance_transactions\/([^/]+)$/, known(READ, (ctx, _p, id) => found(ctx.store.balanceTransactions.get(id), 'balance_transaction', id))],
  ['GET', /^\/v1\/charges\/([^/]+)$/, known(READ, (ctx, _p, id) => found(ctx.store.charges.get(id), 'charge', id))],
  ['POST', /^\/v1\/refunds$/, known(SPECS.createRefund!, createRefund)],
  ['GET', /^\/v1\/events\/([^/]+)$/, known(READ, (ctx, _p, id) => found(ctx.store.events.find((e) => e.id === id), 'event', id))],
  ['GET', /^\/v1\/events$/, known(LIST, (ctx, p) => page(ctx.store.events.slice().reverse(), p, '/v1/events'))],
];

/** Runs one API request; throws `ApiError` for Stripe's error answers. */
export function handleApi(ctx: ApiContext, request: ApiRequest): unknown {
  for (const [method, pattern, handler] of ROUTES) {
    if (method !== request.method) continue;
    const match = pattern.exec(request.path);
    if (!match) continue;
    const result = handler(ctx, request.params, decodeURIComponent(match[1] ?? ''));
    return expand(ctx, result, list(request.params, 'expand'));
  }
  throw new ApiError(
    404,
    { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${request.method}: ${request.path}). The Stripe sandbox serves only the endpoints the billing system uses.` } },
    false,
  );
}

function found<T>(value: T | undefined, kind: string, id: string): T {
  if (!value) throw ApiError.missing(kind, id);
  return value;
}

function page<T>(items: T[], params: FormObject, url: string): List<T> {
  const limit = Math.min(Math.max(int(params, 'limit') ?? 10, 1), 100);
  return { object: 'list', data: items.slice(0, limit), has_more: items.length > limit, url };
}

/**
 * `expand[]=payment_method`, and paths through expanded objects as Stripe takes them
 * (`expand[]=latest_charge.balance_transaction`): each step replaces an id with its object.
 */
function expand(ctx: ApiContext, result: unknown, paths: unknown[]): unknown {
  if (!result || typeof result !== 'object' || paths.length === 0) return result;
  const copy = structuredClone(result) as Record<string, unknown>;
  for (const path of paths) {
    if (typeof path === 'string') expandPath(ctx, copy, path.split('.'));
  }
  return copy;
}

function expandPath(ctx: ApiContext, object: Record<string, unknown>, [field, ...rest]: string[]): void {
  if (!field) return;
  const value = object[field];
  const expanded = typeof value === 'string' ? structuredClone(lookup(ctx, value)) ?? value : value;
  object[field] = expanded;
  if (rest.length && expanded && typeof expanded === 'object') expandPath(ctx, expanded as Record<string, unknown>, rest);
}

function lookup(ctx: ApiContext, id: string): StripeObject | undefined {
  const s = ctx.store;
  return s.customers.get(id) ?? s.paymentMethods.get(id) ?? s.paymentIntents.get(id) ?? s.charges.get(id) ?? s.setupIntents.get(id)
    ?? s.sessions.get(id) ?? s.balanceTransactions.get(id);
}

function createCustomer(ctx: ApiContext, params: FormObject): unknown {
  return ctx.store.createCustomer({ email: str(params, 'email'), name: str(params, 'name'), description: str(params, 'description'), metadata: metadata(params) });
}

function listCustomerPaymentMethods(ctx: ApiContext, params: FormObject, customerId: string): unknown {
  ctx.store.customer(customerId, 'customer');
  const cards = [...ctx.store.paymentMethods.values()].filter((pm) => pm.customer === customerId).reverse();
  return page(cards, params, `/v1/customers/${customerId}/payment_methods`);
}

/**
 * Creates a PaymentIntent; with `confirm=true` it charges at once. An off-session charge that the
 * bank refuses answers 402 card_error (with the PaymentIntent inside), as Stripe does.
 */
function createPaymentIntentRoute(ctx: ApiContext, params: FormObject): PaymentIntent {
  const { amount, currency } = amountAndCurrency(params);
  const customer = str(params, 'customer') ?? null;
  if (customer) ctx.store.customer(customer);
  const pmId = str(params, 'payment_method') ?? null;
  const pm = pmId ? ctx.store.paymentMethod(pmId) : undefined;
  const offSession = bool(params, 'off_session') ?? false;
  const confirm = bool(params, 'confirm') ?? false;
  if (offSession && !confirm) throw ApiError.invalidRequest('off_session can only be used with confirm=true.', 'off_session');
  if (pm && pm.customer && pm.customer !== customer) {
    throw ApiError.invalidRequest(`The provided PaymentMethod belongs to a different Customer than ${customer ?? 'none'}.`, 'payment_method');
  }
  if (pm && customer && pm.customer !== customer) {
    throw ApiError.invalidRequest('The provided PaymentMethod was previously used without being attached to a Customer or was detached from a Customer, and may not be used again.', 'payment_method');
  }
  const setupFutureUsage = str(params, 'setup_future_usage');
  const pi = createPaymentIntent(ctx.store, {
    amount,
    currency,
    customer,
    paymentMethod: pmId,
    description: str(params, 'description') ?? null,
    metadata: metadata(params),
    setupFutureUsage: setupFutureUsage === 'off_session' || setupFutureUsage === 'on_session' ? setupFutureUsage : null,
  });
  if (!confirm) return pi;
  if (!pm) throw ApiError.invalidRequest('You cannot confirm this PaymentIntent because it has no payment method.', 'payment_method', 'payment_intent_unexpected_state');
  const attempt = confirmPayment(ctx.store, pi, pm, { offSession, authenticated: false });
  if (attempt.result === 'declined') {
    throw ApiError.card({ code: attempt.code, declineCode: attempt.declineCode, message: attempt.message, chargeId: attempt.chargeId, paymentIntent: structuredClone(pi) });
  }
  if (attempt.result === 'authenticate') {
    pi.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} } as PaymentIntent['next_action'];
  }
  return pi;
}

/** Attaches a PaymentMethod, or one of Stripe's test tokens (`pm_card_visa`), which makes a new card first. */
function attachPaymentMethod(ctx: ApiContext, params: FormObject, id: string): unknown {
  const customer = requiredStr(params, 'customer');
  const token = testCardByToken(id);
  const pm = token ? ctx.store.createPaymentMethod(token, 12, new Date(ctx.store.now()).getUTCFullYear() + 3) : ctx.store.paymentMethod(id, 'payment_method');
  ctx.store.attach(pm, customer, { setUpForOffSession: false });
  return pm;
}

/** `POST /v1/refunds` by PaymentIntent, with the `refuseNextRefunds` fault applied once the refund would otherwise go ahead. */
function createRefund(ctx: ApiContext, params: FormObject): unknown {
  const piId = requiredStr(params, 'payment_intent');
  const amount = int(params, 'amount');
  if (amount !== undefined && amount < 1) throw ApiError.invalidRequest('Invalid positive integer', 'amount');
  const reason = str(params, 'reason');
  if (reason !== undefined && !REFUND_REASONS.has(reason)) {
    throw ApiError.invalidRequest(`Invalid reason: must be one of ${[...REFUND_REASONS].join(', ')}`, 'reason');
  }
  const pi = found(ctx.store.paymentIntents.get(piId), 'payment_intent', piId);
  const refuseAsDisputed = (): boolean => ctx.faults.refuseNextRefunds > 0 && ctx.faults.refuseNextRefunds-- > 0;
  return refundPayment(ctx.store, pi, { ...(amount !== undefined && { amount }), ...(reason !== undefined && { reason }), metadata: metadata(params), refuseAsDisputed });
}
