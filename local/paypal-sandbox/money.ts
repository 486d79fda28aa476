import { ApiError } from './api-error.js';
import type { Money } from './objects.js';

/**
 * The sandbox's own copy of PayPal's currency list and decimals (developer.paypal.com/reference/
 * currency-codes), kept apart from the adapter's so that a mistake there shows up against the sandbox.
 */
const DECIMALS: Readonly<Record<string, number>> = {
  AUD: 2, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 0, ILS: 2, JPY: 0,
  MXN: 2, MYR: 2, NOK: 2, NZD: 2, PHP: 2, PLN: 2, SEK: 2, SGD: 2, THB: 2, TWD: 0, USD: 2,
};

/** An amount PayPal accepts, as an integer count of its smallest unit; throws PayPal's refusals. */
export function unitsOf(amount: Partial<Money> | undefined, field: string): number {
  const code = amount?.currency_code ?? '';
  const decimals = DECIMALS[code];
  if (!/^[A-Z]{3}$/.test(code)) throw ApiError.invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `${field}/currency_code`);
  if (decimals === undefined) throw ApiError.unprocessable('CURRENCY_NOT_SUPPORTED', `Currency code ${code} is not currently supported.`);
  const match = /^(\d{1,29})(?:\.(\d{1,2}))?$/.exec(amount?.value ?? '');
  if (!match) throw ApiError.invalidRequest('INVALID_PARAMETER_SYNTAX', 'The value of a field does not conform to the expected format.', `${field}/value`);
  const fraction = match[2] ?? '';
  if (decimals === 0 && fraction !== '') {
    throw ApiError.invalidRequest('DECIMALS_NOT_SUPPORTED', 'Currency code does not support decimals.', `${field}/value`);
  }
  const units = Number(`${match[1]}${fraction.padEnd(decimals, '0')}`);
  if (units <= 0) throw ApiError.invalidRequest('CANNOT_BE_ZERO_OR_NEGATIVE', 'Must be greater than zero.', `${field}/value`);
  return units;
}

/** A balance the sandbox itself wrote (zero allowed), in the currency's smallest units. */
export function balanceUnits(amount: Money): number {
  const decimals = DECIMALS[amount.currency_code] ?? 2;
  const [whole = '0', fraction = ''] = amount.value.split('.');
  return Number(`${whole}${fraction.padEnd(decimals, '0')}`);
}

export function moneyOf(units: number, code: string): Money {
  const decimals = DECIMALS[code] ?? 2;
  const digits = units.toString().padStart(decimals + 1, '0');
  return { currency_code: code, value: decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` };
}

/** "$12.34"-style text for the pages. */
export function formatMoney(amount: Money): string {
  return `${amount.value} ${amount.currency_code}`;
}
