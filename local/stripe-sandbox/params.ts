import { ApiError } from './api-error.js';
import type { FormObject, FormValue } from './form.js';

/** Typed reads of form parameters that answer Stripe's 400s for missing or malformed values. */
export function str(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw ApiError.invalidRequest(`Invalid string: ${name}`, name);
  return value;
}

export function requiredStr(params: FormObject, name: string): string {
  const value = str(params, name);
  if (value === undefined || value === '') throw ApiError.invalidRequest(`Missing required param: ${name}.`, name, 'parameter_missing');
  return value;
}

export function int(params: FormObject, name: string): number | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw ApiError.invalidRequest(`Invalid integer: ${value}`, name, 'parameter_invalid_integer');
  return Number(value);
}

export function bool(params: FormObject, name: string): boolean | undefined {
  const value = str(params, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw ApiError.invalidRequest(`Invalid boolean: ${value}`, name);
  return value === 'true';
}

export function obj(params: FormObject, name: string): FormObject {
  const value = params[name];
  if (value === undefined) return {};
  if (typeof value === 'string' || Array.isArray(value)) throw ApiError.invalidRequest(`Invalid object`, name);
  return value;
}

export function list(params: FormObject, name: string): FormValue[] {
  const value = params[name];
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) throw ApiError.invalidRequest(`Invalid array`, name);
  return value;
}

/** Stripe's metadata: string values, up to 50 keys of at most 40 characters; an empty value unsets. */
export function metadata(params: FormObject, name = 'metadata'): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = obj(params, name);
  const keys = Object.keys(raw);
  if (keys.length > 50) throw ApiError.invalidRequest('Metadata can have up to 50 keys.', name);
  for (const key of keys) {
    const value = raw[key];
    if (typeof value !== 'string') throw ApiError.invalidRequest(`Invalid metadata value for ${key}`, `${name}[${key}]`);
    if (key.length > 40) throw ApiError.invalidRequest('Metadata keys can be up to 40 characters long.', `${name}[${key}]`);
    if (value.length > 500) throw ApiError.invalidRequest('Metadata values can be up to 500 characters long.', `${name}[${key}]`);
    if (value !== '') out[key] = value;
  }
  return out;
}

const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/**
 * Stripe's published minimum charge in its own unit, per currency (docs.stripe.com/currencies,
 * "Minimum and maximum charge amounts"); other currencies: about 0.50 USD, taken here as 50 units.
 */
const MINIMUM: Readonly<Record<string, number>> = {
  usd: 50, aed: 200, aud: 50, bgn: 100, brl: 50, cad: 50, chf: 50, czk: 1500, dkk: 250, eur: 50, gbp: 30, hkd: 400,
  huf: 17500, inr: 50, jpy: 50, mxn: 1000, myr: 200, nok: 300, nzd: 50, pln: 200, ron: 200, sek: 300, sgd: 50, thb: 1000,
};

/** An amount in minor units and a lower-case currency, with Stripe's minimum charge for card payments. */
export function amountAndCurrency(params: FormObject, amountName = 'amount', currencyName = 'currency'): { amount: number; currency: string } {
  const amount = int(params, amountName);
  if (amount === undefined) throw ApiError.invalidRequest(`Missing required param: ${amountName}.`, amountName, 'parameter_missing');
  const currency = requiredStr(params, currencyName);
  if (!/^[a-z]{3}$/.test(currency)) throw ApiError.invalidRequest(`Invalid currency: ${currency}. Stripe currencies are three lower-case letters.`, currencyName);
  const minimum = MINIMUM[currency] ?? 50;
  if (amount < minimum) {
    throw ApiError.invalidRequest(`Amount must be at least ${minimum} ${currency}`, amountName, 'amount_too_small');
  }
  if (amount > 99_999_999) throw ApiError.invalidRequest('Amount must be no more than 999,999.99', amountName, 'amount_too_large');
  if (THREE_DECIMAL.has(currency) && amount % 10 !== 0) {
    throw ApiError.invalidRequest(`Amounts in ${currency} must end in 0 for card payments.`, amountName, 'invalid_amount');
  }
  return { amount, currency };
}
