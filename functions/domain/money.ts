import { CURRENCY_EXPONENTS } from './currencies.js';

/**
 * Money is an integer count of the currency's minor unit (cents for USD, yen for JPY) and an ISO 4217
 * code. Amounts are never floats; the only place a fraction is rounded is `multiply` below.
 */
export type CurrencyCode = string & { readonly __brand: 'CurrencyCode' };

export interface Money {
  readonly amountMinor: number;
  readonly currency: CurrencyCode;
}


/**
 * The most any one amount may be, in minor units: 10^12 (10,000,000,000.00 USD, 1,000,000,000,000 JPY,
 * 1,000,000,000.000 KWD). Every amount the API takes is at most this, and so is every sum that is
 * stored: a credit balance, an invoice's total and what has been paid of it. Why 10^12: the amounts
 * are JavaScript numbers and DynamoDB numbers, exact only up to 2^53 − 1 (about 9 × 10^15); a sum of
 * up to 9,007 amounts at this maximum is still exact, which covers the largest sums we make (an
 * invoice of 100 lines is checked against the maximum itself; a balance plus one amount; a customer's
 * unpaid invoices; the dashboard's and report's totals over realistic books). It is far above what a
 * hosting provider bills, yet the same number in every currency, so one rule holds everywhere.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/** True for an amount a customer may hold or be billed: a whole number from 0 to MAX_AMOUNT_MINOR. */
export const isWithinAmountLimit = (amountMinor: number): boolean =>
  Number.isSafeInteger(amountMinor) && amountMinor >= 0 && amountMinor <= MAX_AMOUNT_MINOR;

/** The maximum as a person reads it in a currency: "10,000,000,000.00 USD", "1,000,000,000,000 JPY". */
export function maxAmountText(code: CurrencyCode): string {
  const [whole = '', fraction] = toDecimalString(money(MAX_AMOUNT_MINOR, code)).split('.');
  return `${Number(whole).toLocaleString('en')}${fraction ? `.${fraction}` : ''} ${code}`;
}

export class InvalidMoneyError extends Error {
  override readonly name = 'InvalidMoneyError';
}

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
  constructor(readonly left: CurrencyCode, readonly right: CurrencyCode) {
    super(`Cannot combine ${left} with ${right}`);
  }
}

/** True for a current ISO 4217 currency an account can be billed in (see currencies.ts). */
export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

/** @throws InvalidMoneyError for anything but a billing currency of currencies.ts */
export function currency(code: string): CurrencyCode {
  if (!isCurrencyCode(code)) throw new InvalidMoneyError(`Unknown ISO 4217 currency: ${code}`);
  return code;
}

/** The currency's ISO 4217 exponent: 2 for USD (cents), 0 for JPY, 3 for KWD (fils). */
export function minorUnitDigits(code: CurrencyCode): number {
  return CURRENCY_EXPONENTS[code]!;
}

export function money(amountMinor: number, code: CurrencyCode | string): Money {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new InvalidMoneyError(`Amount must be a whole number of minor units, got ${amountMinor}`);
  }
  return { amountMinor, currency: typeof code === 'string' ? currency(code) : code };
}

export const zero = (code: CurrencyCode): Money => money(0, code);

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor + b.amountMinor, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amountMinor - b.amountMinor, a.currency);
}

export function sum(code: CurrencyCode, amounts: readonly Money[]): Money {
  return amounts.reduce(add, zero(code));
}

export function min(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return a.amountMinor <= b.amountMinor ? a : b;
}

export const isPositive = (m: Money): boolean => m.amountMinor > 0;

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

/**
 * A finite number as the decimal it prints as (its shortest round-trip form, which is what a person
 * typed): 1.5 → 15 × 10^-1, 1e-7 → 1 × 10^-7. Lets `multiply` work in exact integers.
 */
function asDecimal(value: number): { digits: bigint; scale: number } {
  const [mantissa = '0', exponent = '0'] = value.toString().toLowerCase().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const digits = BigInt(`${whole}${fraction}`);
  return scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * The one rounding rule in the system: a unit price times a quantity (which may be fractional, such as
 * 1.5 hours) is rounded half away from zero to the minor unit, as invoices are printed. Computed in
 * exact integer arithmetic on the quantity as written, so no float error can move a total by a cent.
 */
export function multiply(unit: Money, quantity: number): Money {
  if (!Number.isFinite(quantity)) throw new InvalidMoneyError(`Quantity must be a finite number, got ${quantity}`);
  const { digits, scale } = asDecimal(quantity);
  const product = BigInt(unit.amountMinor) * digits;
  const divisor = 10n ** BigInt(scale);
  const magnitude = product < 0n ? -product : product;
  const rounded = (magnitude + divisor / 2n) / divisor;
  const result = Number(product < 0n ? -rounded : rounded);
  if (!Number.isSafeInteger(result)) throw new InvalidMoneyError(`${unit.amountMinor} × ${quantity} is too large an amount`);
  return money(result === 0 ? 0 : result, unit.currency);
}

/** `1234` USD → `"12.34"`: the decimal string some providers (BTCPay, PayPal) want. */
export function toDecimalString(m: Money): string {
  const digits = minorUnitDigits(m.currency);
  const sign = m.amountMinor < 0 ? '-' : '';
  const abs = Math.abs(m.amountMinor).toString().padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** What is wrong with a decimal a person wrote as an amount, if anything (see `readDecimalAmount`). */
export type DecimalAmountProblem = 'not_a_decimal' | 'too_many_decimals' | 'too_large';

/**
 * A decimal as a person writes it ("12.5", "2000.00") in the currency's minor units (1250 for USD),
 * or what is wrong with it: not a plain decimal, more decimals than the currency has, or more than
 * MAX_AMOUNT_MINOR.
 */
export function readDecimalAmount(text: string, code: CurrencyCode): { amount: Money } | { problem: DecimalAmountProblem } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  const digits = minorUnitDigits(code);
  if (!match) return { problem: 'not_a_decimal' };
  if ((match[2] ?? '').length > digits) return { problem: 'too_many_decimals' };
  // Compared as a big integer: a long string of digits must not round into range as a float.
  const minor = BigInt(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`);
  if (minor > BigInt(MAX_AMOUNT_MINOR)) return { problem: 'too_large' };
  return { amount: money(Number(minor), code) };
}

/**
 * `readDecimalAmount` for text that must be an amount.
 * @throws InvalidMoneyError when it is not a plain decimal, has more decimals than the currency, or is past MAX_AMOUNT_MINOR
 */
export function fromDecimalString(text: string, code: CurrencyCode): Money {
  const read = readDecimalAmount(text, code);
  if ('problem' in read) throw new InvalidMoneyError(`${text} is not an amount in ${code} (${read.problem})`);
  return read.amount;
}
