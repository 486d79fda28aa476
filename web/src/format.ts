import { CURRENCY_EXPONENTS } from '../../functions/domain/currencies.js';
import { currency as billingCurrency, money, multiply, toDecimalString } from '../../functions/domain/money.js';

/**
 * Money and dates for people, in the browser's locale. Amounts arrive in the currency's minor unit
 * (cents, yen, fils); the number of decimals is the currency's ISO 4217 exponent from the server's own
 * table (functions/domain/currencies.ts), never the browser's idea of it (which differs for HUF, IDR,
 * COP and others), so a page, the PDF and the card processor show the same amount.
 */
const locale = typeof navigator === 'undefined' ? undefined : navigator.languages?.[0] ?? navigator.language;

export function minorDigits(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}

export function formatMoney(amountMinor: number, currency: string): string {
  const digits = minorDigits(currency);
  // The exact decimal, as a string: Intl formats it without passing through a float.
  const exact = toDecimalString({ amountMinor, currency: currency as Parameters<typeof toDecimalString>[0]['currency'] });
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(exact as unknown as number);
  } catch {
    return `${exact} ${currency}`;
  }
}

/**
 * A line's amount, in minor units, by the server's rule (exact, rounded half away from zero once:
 * 1.005 × 1.00 USD is 1.01 USD, as the issued invoice will say); undefined while the inputs are not
 * a price and a positive quantity.
 */
export function lineAmount(unitAmountMinor: number, quantity: number, currency: string): number | undefined {
  if (!Number.isSafeInteger(unitAmountMinor) || unitAmountMinor < 0 || !(quantity > 0) || !Number.isFinite(quantity)) return undefined;
  try {
    return multiply(money(unitAmountMinor, billingCurrency(currency)), quantity).amountMinor;
  } catch {
    return undefined;
  }
}

/** A quantity as the plain decimal it is (0.0000005, never 5e-7), grouped as the locale groups. */
export function formatQuantity(quantity: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 20 }).format(quantity);
}

/** Whole minor units from what a person typed in major units ("12.50" → 1250 for USD); NaN if not a number. */
export function parseMoney(text: string, currency: string): number {
  const cleaned = text.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return Number.NaN;
  const digits = minorDigits(currency);
  const [whole = '0', fraction = ''] = cleaned.replace('-', '').split('.');
  if (fraction.length > digits) return Number.NaN;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return cleaned.startsWith('-') ? -minor : minor;
}

/**
 * Why `text` is not a positive amount in `currency` as a person types it (major units, at most the
 * currency's decimals), as a sentence; undefined when it is one.
 */
export function moneyInputProblem(text: string, currency: string): string | undefined {
  if (!text.trim()) return 'Enter an amount.';
  const amount = parseMoney(text, currency);
  if (Number.isNaN(amount)) {
    const digits = minorDigits(currency);
    return digits === 0
      ? `Enter a whole amount in ${currency}, such as 500.`
      : `Enter an amount in ${currency} with at most ${digits} decimals, such as ${(10).toFixed(digits)}.`;
  }
  if (amount <= 0) return 'Enter an amount greater than zero.';
  return undefined;
}

const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
const timestampFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });

/** A calendar date `YYYY-MM-DD`, the same day everywhere whatever the time zone. */
export function formatDate(day: string | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  if (!match) return day ?? '';
  return dateFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** An ISO timestamp as a date in the browser's time zone. */
export function formatTimestamp(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timestampFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** An ISO timestamp as a date and time in the browser's time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** "1 day overdue", "12 days overdue": the server's count of whole days past the due date. */
export function daysOverdueText(days: number): string {
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

export function invoiceNumber(number: number): string {
  return `#${String(number).padStart(6, '0')}`;
}

const cardExpiryFormat = new Intl.DateTimeFormat(locale, { month: '2-digit', year: 'numeric', timeZone: 'UTC' });

/** A card's expiry month, as the locale writes a month and year ("12/2030" in the US). */
export function formatCardExpiry(month: number, year: number): string {
  return cardExpiryFormat.format(new Date(Date.UTC(year, month - 1, 1)));
}
