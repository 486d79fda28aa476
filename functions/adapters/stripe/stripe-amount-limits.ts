import { type Money, money, toDecimalString } from '../../domain/money.js';
import type { AmountLimits, AmountRefusal } from '../../ports/payments/amount-limits.js';
import { fromStripeAmount, toStripeAmount } from './stripe-money.js';

/**
 * Stripe's minimum charge per settlement-relevant currency, in the currency's ISO minor units
 * (docs.stripe.com/currencies, "Minimum and maximum charge amounts"). Other currencies have a minimum
 * of "0.50 USD or equivalent", which cannot be known offline: Stripe's own `amount_too_small` answer
 * covers those, and is turned into the same sentence.
 */
const MINIMUM_MINOR: Readonly<Record<string, number>> = {
  USD: 50, AED: 200, AUD: 50, BGN: 100, BRL: 50, CAD: 50, CHF: 50, CZK: 1500, DKK: 250, EUR: 50, GBP: 30,
  HKD: 400, HUF: 17500, INR: 50, JPY: 50, MXN: 1000, MYR: 200, NOK: 300, NZD: 50, PLN: 200, RON: 200,
  SEK: 300, SGD: 50, THB: 1000,
};

/** Stripe takes at most eight digits in its own unit for a charge: 99,999,999 (999,999.99 USD). */
const MAXIMUM_STRIPE_UNITS = 99_999_999;

const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

const shown = (m: Money) => `${toDecimalString(m)} ${m.currency}`;

/** The card amounts Stripe accepts, checked before a Checkout Session or a charge is started. */
export const stripeAmountLimits: AmountLimits = {
  refusal(amount: Money): AmountRefusal | undefined {
    const minimum = MINIMUM_MINOR[amount.currency];
    if (amount.amountMinor <= 0 || (minimum !== undefined && amount.amountMinor < minimum)) {
      const least = minimum === undefined ? '' : ` at least ${shown(money(minimum, amount.currency))}`;
      return { reason: 'below_minimum', message: `Card payments in ${amount.currency} must be${least || ' more than zero'}.` };
    }
    if (toStripeAmount(amount).amount > MAXIMUM_STRIPE_UNITS) {
      const most = fromStripeAmount(MAXIMUM_STRIPE_UNITS, amount.currency);
      return {
        reason: 'above_maximum',
        message: `Card payments in ${amount.currency} are limited to ${shown(most)}; pay this amount another way, or ask us to split the invoice.`,
      };
    }
    // Stripe's payment partners take three-decimal amounts only in tens (docs.stripe.com/currencies).
    if (THREE_DECIMAL.has(amount.currency) && amount.amountMinor % 10 !== 0) {
      return { reason: 'precision', message: `Card payments in ${amount.currency} must be a whole number of hundredths (the last digit 0).` };
    }
    return undefined;
  },
};
