import { currency as isoCurrency, minorUnitDigits, money, type Money } from '../../domain/money.js';

/**
 * Money ↔ Stripe's amount format, the only place it happens. Stripe wants an integer in "the smallest
 * currency unit" and a lower-case code, and its idea of that unit differs from ISO 4217 in a few
 * currencies (docs.stripe.com/currencies#special-cases): ISK is sent with two decimals, MGA with none.
 */
const STRIPE_ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

function stripeDigits(code: string): number {
  if (STRIPE_ZERO_DECIMAL.has(code)) return 0;
  if (STRIPE_THREE_DECIMAL.has(code)) return 3;
  return 2;
}

export function toStripeAmount(m: Money): { amount: number; currency: string } {
  const shift = stripeDigits(m.currency) - minorUnitDigits(m.currency);
  const amount = shift >= 0 ? m.amountMinor * 10 ** shift : m.amountMinor / 10 ** -shift;
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`${m.amountMinor} minor units of ${m.currency} cannot be expressed in Stripe's unit`);
  }
  return { amount, currency: m.currency.toLowerCase() };
}

export function fromStripeAmount(amount: number, stripeCurrency: string): Money {
  const code = isoCurrency(stripeCurrency.toUpperCase());
  const shift = stripeDigits(code) - minorUnitDigits(code);
  return money(shift >= 0 ? amount / 10 ** shift : amount * 10 ** -shift, code);
}
