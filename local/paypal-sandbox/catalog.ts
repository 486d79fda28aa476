import { ApiError } from './api-error.js';
import type { BillingCycle, IntervalUnit, Plan, Product } from './billing-objects.js';
import { paypalId } from './ids.js';
import { moneyOf, unitsOf } from './money.js';
import type { Money } from './objects.js';
import type { PayPalStore } from './store.js';

const PRODUCTS_API = 'catalog-products/v1';
const PLANS_API = 'subscriptions/v1';

/** The longest interval PayPal allows per unit (Subscriptions v1, `frequency.interval_count`). */
const MAX_INTERVAL: Readonly<Record<IntervalUnit, number>> = { DAY: 365, WEEK: 52, MONTH: 12, YEAR: 1 };

interface ProductBody { id?: string; name?: unknown; description?: unknown; type?: unknown; category?: unknown; image_url?: unknown; home_url?: unknown }

interface PlanBody {
  product_id?: unknown;
  name?: unknown;
  status?: unknown;
  description?: unknown;
  billing_cycles?: Array<{ frequency?: { interval_unit?: unknown; interval_count?: unknown }; tenure_type?: unknown; sequence?: unknown; total_cycles?: unknown; pricing_scheme?: { fixed_price?: Partial<Money> } }>;
  payment_preferences?: { auto_bill_outstanding?: unknown; setup_fee?: Partial<Money>; setup_fee_failure_action?: unknown; payment_failure_threshold?: unknown };
  quantity_supported?: unknown;
}

/** A string field PayPal limits to `max` characters; absent stays absent. */
export function textField(value: unknown, max: number, field: string, required = false): string | undefined {
  if (value === undefined && !required) return undefined;
  if (value === undefined) throw ApiError.invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', field);
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    throw ApiError.invalidRequest('INVALID_STRING_LENGTH', `The value of a field is either too short or too long (1 to ${max}).`, field);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (value === undefined) throw ApiError.invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', field);
  if (!allowed.includes(value as T)) throw ApiError.invalidRequest('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', field);
  return value as T;
}

function integer(value: unknown, min: number, max: number, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw ApiError.invalidRequest('INVALID_INTEGER_MAX_VALUE', `The integer value of a field must be from ${min} to ${max}.`, field);
  }
  return value;
}

/** `POST /v1/catalogs/products`: `name` and `type` required; an `id` of the merchant's own may be given once. */
export function createProduct(store: PayPalStore, body: ProductBody): Product {
  if (body.id !== undefined && (typeof body.id !== 'string' || body.id.length < 6)) {
    throw ApiError.invalidRequest('INVALID_STRING_LENGTH', 'The value of a field is either too short or too long (6 to 50).', '/id');
  }
  const id = textField(body.id, 50, '/id') ?? `PROD-${paypalId()}`;
  if (store.products.has(id)) {
    throw ApiError.unprocessable('DUPLICATE_RESOURCE_IDENTIFIER', 'The value of the field should be unique. A product with this id already exists.', PRODUCTS_API);
  }
  const now = store.isoNow();
  const optional = (key: 'description' | 'category' | 'image_url' | 'home_url', max: number) => {
    const value = textField(body[key], max, `/${key}`);
    return value ? { [key]: value } : {};
  };
  const product: Product = {
    id,
    name: textField(body.name, 127, '/name', true)!,
    ...optional('description', 256),
    type: oneOf(body.type, ['PHYSICAL', 'DIGITAL', 'SERVICE'] as const, '/type', 'PHYSICAL'),
    ...optional('category', 256),
    ...optional('image_url', 2000),
    ...optional('home_url', 2000),
    create_time: now,
    update_time: now,
    links: [
      { href: `${store.urls.apiBase}/v1/catalogs/products/${id}`, rel: 'self', method: 'GET' },
      { href: `${store.urls.apiBase}/v1/catalogs/products/${id}`, rel: 'edit', method: 'PATCH' },
    ],
  };
  store.products.set(id, product);
  return product;
}

export function getProduct(store: PayPalStore, id: string): Product {
  const product = store.products.get(id);
  if (!product) throw ApiError.notFound();
  return product;
}

/**
 * `POST /v1/billing/plans`: one REGULAR cycle at a fixed price (the sandbox models no trial and no
 * tiers), `total_cycles` 0 for until cancelled; ACTIVE unless created as CREATED, as at PayPal.
 */
export function createPlan(store: PayPalStore, body: PlanBody): Plan {
  const productId = textField(body.product_id, 50, '/product_id', true)!;
  if (!store.products.has(productId)) {
    throw ApiError.invalidRequest('INVALID_PARAMETER_VALUE', 'The specified product does not exist.', '/product_id');
  }
  const cycles = body.billing_cycles ?? [];
  if (cycles.length === 0) throw ApiError.invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', '/billing_cycles');
  if (cycles.length !== 1 || cycles[0]!.tenure_type !== 'REGULAR') {
    throw ApiError.unprocessable('UNSUPPORTED_BILLING_CYCLES', 'The local sandbox models exactly one REGULAR billing cycle (no trial).', PLANS_API);
  }
  const cycle = cycles[0]!;
  const unit = oneOf(cycle.frequency?.interval_unit, ['DAY', 'WEEK', 'MONTH', 'YEAR'] as const, '/billing_cycles/0/frequency/interval_unit');
  const price = cycle.pricing_scheme?.fixed_price;
  if (!price) throw ApiError.invalidRequest('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', '/billing_cycles/0/pricing_scheme/fixed_price');
  const now = store.isoNow();
  const billingCycle: BillingCycle = {
    frequency: { interval_unit: unit, interval_count: integer(cycle.frequency?.interval_count, 1, MAX_INTERVAL[unit], '/billing_cycles/0/frequency/interval_count', 1) },
    tenure_type: 'REGULAR',
    sequence: integer(cycle.sequence, 1, 99, '/billing_cycles/0/sequence', 1),
    total_cycles: integer(cycle.total_cycles, 0, 999, '/billing_cycles/0/total_cycles', 1),
    pricing_scheme: { version: 1, fixed_price: moneyOf(unitsOf(price, '/billing_cycles/0/pricing_scheme/fixed_price'), price.currency_code!), create_time: now, update_time: now },
  };
  const preferences = body.payment_preferences ?? {};
  const currency = billingCycle.pricing_scheme.fixed_price.currency_code;
  const id = `P-${paypalId(24)}`;
  const plan: Plan = {
    id,
    product_id: productId,
    name: textField(body.name, 127, '/name', true)!,
    status: oneOf(body.status, ['CREATED', 'ACTIVE'] as const, '/status', 'ACTIVE'),
    ...(body.description !== undefined ? { description: textField(body.description, 127, '/description')! } : {}),
    usage_type: 'LICENSED',
    billing_cycles: [billingCycle],
    payment_preferences: {
      service_type: 'PREPAID',
      auto_bill_outstanding: preferences.auto_bill_outstanding !== false,
      setup_fee: setupFee(preferences.setup_fee, currency),
      setup_fee_failure_action: oneOf(preferences.setup_fee_failure_action, ['CONTINUE', 'CANCEL'] as const, '/payment_preferences/setup_fee_failure_action', 'CANCEL'),
      payment_failure_threshold: integer(preferences.payment_failure_threshold, 0, 999, '/payment_preferences/payment_failure_threshold', 0),
    },
    quantity_supported: body.quantity_supported === true,
    create_time: now,
    update_time: now,
    links: [
      { href: `${store.urls.apiBase}/v1/billing/plans/${id}`, rel: 'self', method: 'GET' },
      { href: `${store.urls.apiBase}/v1/billing/plans/${id}`, rel: 'edit', method: 'PATCH' },
    ],
  };
  store.plans.set(id, plan);
  return plan;
}

/** No setup fee is `0` in the plan's currency, as PayPal shows it; one is not charged by the sandbox. */
function setupFee(fee: Partial<Money> | undefined, currency: string): Money {
  if (!fee?.value || /^0+(\.0+)?$/.test(fee.value)) return { currency_code: fee?.currency_code ?? currency, value: '0' };
  throw ApiError.unprocessable('SETUP_FEE_NOT_SUPPORTED', 'The local sandbox does not charge setup fees.', PLANS_API);
}

export function getPlan(store: PayPalStore, id: string): Plan {
  const plan = store.plans.get(id);
  if (!plan) throw ApiError.notFound();
  return plan;
}

/** What PayPal gives for a plan in a list, and by default (`return=minimal`) for a new one. */
export function planSummary(plan: Plan): Pick<Plan, 'id' | 'product_id' | 'name' | 'status' | 'description' | 'usage_type' | 'create_time' | 'links'> {
  const { id, product_id, name, status, description, usage_type, create_time, links } = plan;
  return { id, product_id, name, status, ...(description !== undefined ? { description } : {}), usage_type, create_time, links };
}

/**
 * `GET /v1/billing/plans?product_id=&page_size=&page=&total_required=`: newest first, 10 a page by
 * default (at most 20), with `total_items` and `total_pages` only when asked for.
 */
export function listPlans(store: PayPalStore, query: URLSearchParams): { plans: unknown[]; total_items?: number; total_pages?: number; links: unknown[] } {
  const productId = query.get('product_id');
  const pageSize = Number(query.get('page_size') ?? 10);
  const page = Number(query.get('page') ?? 1);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20) throw ApiError.invalidRequest('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', 'page_size');
  if (!Number.isInteger(page) || page < 1 || page > 100_000) throw ApiError.invalidRequest('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', 'page');
  const all = [...store.plans.values()].filter((p) => !productId || p.product_id === productId).reverse();
  const plans = all.slice((page - 1) * pageSize, page * pageSize).map(planSummary);
  const self = new URL(`${store.urls.apiBase}/v1/billing/plans`);
  for (const [key, value] of query) self.searchParams.set(key, value);
  return {
    plans,
    ...(query.get('total_required') === 'true' ? { total_items: all.length, total_pages: Math.ceil(all.length / pageSize) } : {}),
    links: [{ href: self.href, rel: 'self', method: 'GET', encType: 'application/json' }],
  };
}
