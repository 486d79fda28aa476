import { ApiError } from './api-error.js';
import type { Product, Subscription } from './billing-objects.js';
import { createPlan, createProduct, getPlan, getProduct, listPlans, planSummary } from './catalog.js';
import type { PayPalStore } from './store.js';
import { activateSubscription, cancelSubscription, createSubscription, subscriptionRecord, suspendSubscription } from './subscriptions.js';

/** What a `PayPal-Request-Id` remembers of a billing request that succeeded. */
export type BillingKind = 'product' | 'plan' | 'subscription';

export interface BillingAnswer {
  status: number;
  /** Absent: 204 No Content. */
  body?: unknown;
  made?: { kind: BillingKind; id: string };
}

/**
 * Catalog Products v1 and Subscriptions v1: products, plans, subscriptions and their cancel, suspend
 * and activate, and Payments v1 sales (a subscription's payments). `full`: the caller asked for
 * `Prefer: return=representation`; PayPal's default answer to a create is the minimal one.
 * Undefined when the path is none of these.
 */
export function handleBilling(store: PayPalStore, method: string, path: string, query: URLSearchParams, body: Record<string, unknown>, full: boolean): BillingAnswer | undefined {
  let match: RegExpExecArray | null;
  if (path === '/v1/catalogs/products' && method === 'POST') {
    const product = createProduct(store, body);
    return { status: 201, body: billingView(store, 'product', product.id, full), made: { kind: 'product', id: product.id } };
  }
  if ((match = /^\/v1\/catalogs\/products\/([^/]+)$/.exec(path)) && method === 'GET') return { status: 200, body: getProduct(store, match[1]!) };
  if (path === '/v1/billing/plans' && method === 'POST') {
    const plan = createPlan(store, body);
    return { status: 201, body: billingView(store, 'plan', plan.id, full), made: { kind: 'plan', id: plan.id } };
  }
  if (path === '/v1/billing/plans' && method === 'GET') return { status: 200, body: listPlans(store, query) };
  if ((match = /^\/v1\/billing\/plans\/([^/]+)$/.exec(path)) && method === 'GET') return { status: 200, body: getPlan(store, match[1]!) };
  if (path === '/v1/billing/subscriptions' && method === 'POST') {
    const subscription = createSubscription(store, body);
    return { status: 201, body: billingView(store, 'subscription', subscription.id, full), made: { kind: 'subscription', id: subscription.id } };
  }
  if ((match = /^\/v1\/billing\/subscriptions\/([^/]+)$/.exec(path)) && method === 'GET') {
    return { status: 200, body: subscriptionRecord(store, match[1]!).subscription };
  }
  if ((match = /^\/v1\/billing\/subscriptions\/([^/]+)\/(cancel|suspend|activate)$/.exec(path)) && method === 'POST') {
    const [, id, action] = match as unknown as [string, string, 'cancel' | 'suspend' | 'activate'];
    if (action === 'cancel') cancelSubscription(store, id, body);
    else if (action === 'suspend') suspendSubscription(store, id, body);
    else activateSubscription(store, id, body);
    return { status: 204 };
  }
  if ((match = /^\/v1\/payments\/sale\/([A-Z0-9]+)$/.exec(path)) && method === 'GET') {
    const sale = store.sales.get(match[1]!);
    if (!sale) throw ApiError.notFound();
    return { status: 200, body: sale };
  }
  return undefined;
}

/** A product, plan or subscription as a create (or its replay) answers: whole, or PayPal's minimal form. */
export function billingView(store: PayPalStore, kind: BillingKind, id: string, full: boolean): unknown {
  if (kind === 'product') {
    const product = getProduct(store, id);
    return full ? product : minimalProduct(product);
  }
  if (kind === 'plan') {
    const plan = getPlan(store, id);
    return full ? plan : planSummary(plan);
  }
  const { subscription } = subscriptionRecord(store, id);
  return full ? subscription : minimalSubscription(subscription);
}

function minimalProduct({ id, name, description, create_time, links }: Product): unknown {
  return { id, name, ...(description !== undefined ? { description } : {}), create_time, links };
}

function minimalSubscription({ id, status, status_update_time, create_time, links }: Subscription): unknown {
  return { id, status, status_update_time, create_time, links };
}
