import { currency as isoCurrency, minorUnitDigits, money, type Money } from '../../domain/money.js';

/**
 * The currencies PayPal takes payments in, with the number of decimals it accepts in an amount's
 * `value` (developer.paypal.com/reference/currency-codes). PayPal takes HUF, JPY and TWD in whole units
 * only ("does not support decimals"), though ISO 4217 gives HUF and TWD two. Any other currency (INR,
 * ZAR, BHD, …) cannot be paid with PayPal at all.
 */
export const PAYPAL_CURRENCY_DECIMALS: Readonly<Record<string, 0 | 2>> = {
  AUD: 2, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 0, ILS: 2, JPY: 0,
  MXN: 2, MYR: 2, NOK: 2, NZD: 2, PHP: 2, PLN: 2, SEK: 2, SGD: 2, THB: 2, TWD: 0, USD: 2,
};

/** True when PayPal takes payments in this currency at all. */
export function paypalSupportsCurrency(code: string): boolean {
  return Object.hasOwn(PAYPAL_CURRENCY_DECIMALS, code);
}

/** PayPal's amount object: an ISO code and a decimal string (`"12.34"`, `"1500"` for JPY). */
export interface PayPalAmount {
  readonly currencyCode: string;
  readonly value: string;
}

/**
 * Money → PayPal's amount, the only place it happens. An amount PayPal cannot express (a currency it
 * does not take, a fraction of a forint) is a RangeError: `paypalAmountLimits` refuses those first.
 */
export function toPayPalAmount(m: Money): PayPalAmount {
  const decimals = PAYPAL_CURRENCY_DECIMALS[m.currency];
  if (decimals === undefined) throw new RangeError(`PayPal does not take payments in ${m.currency}`);
  const drop = minorUnitDigits(m.currency) - decimals;
  if (drop > 0 && m.amountMinor % 10 ** drop !== 0) {
    throw new RangeError(`${m.amountMinor} minor units of ${m.currency} are not a whole amount, which PayPal requires`);
  }
  const units = drop > 0 ? m.amountMinor / 10 ** drop : m.amountMinor;
  const sign = units < 0 ? '-' : '';
  const digits = Math.abs(units).toString().padStart(decimals + 1, '0');
  const value = decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
  return { currencyCode: m.currency, value: `${sign}${value}` };
}

/**
 * PayPal's amount → Money, exactly (no float): `"12.3"` USD is 1230 cents, `"1500"` HUF 150000 fillér.
 * @throws RangeError for a malformed value or more decimals than the currency has
 */
export function fromPayPalAmount(amount: { currencyCode?: string | undefined; value?: string | undefined }): Money {
  const code = isoCurrency(amount.currencyCode ?? '');
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.value ?? '');
  if (!match) throw new RangeError(`Not a PayPal amount: ${JSON.stringify(amount.value)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = minorUnitDigits(code);
  if (fraction.replace(/0+$/, '').length > digits) throw new RangeError(`${amount.value} ${code} has more decimals than ${code} has`);
  const minor = Number(`${whole}${fraction.padEnd(digits, '0').slice(0, digits)}`);
  return money(sign === '-' ? -minor : minor, code);
}
