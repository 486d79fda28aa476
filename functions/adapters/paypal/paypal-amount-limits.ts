import { type Money, minorUnitDigits } from '../../domain/money.js';
import type { AmountLimits, AmountRefusal } from '../../ports/payments/amount-limits.js';
import { PAYPAL_CURRENCY_DECIMALS, paypalSupportsCurrency } from './paypal-money.js';

/**
 * What PayPal can take in one payment, checked before an order is created:
 * - the currency must be one PayPal takes (developer.paypal.com/reference/currency-codes). For an
 *   account billed in another currency, PayPal is not offered: the refusal says so, the web app shows
 *   it beside the option, and the API answers 422 with it;
 * - HUF, JPY and TWD in whole units only (PayPal "does not support decimals" in them);
 * - more than zero. PayPal publishes no fixed maximum for an order (its `value` takes up to 32
 *   characters); the ceiling is the merchant account's own limit, which PayPal answers when asked.
 */
export const paypalAmountLimits: AmountLimits = {
  refusal(amount: Money): AmountRefusal | undefined {
    if (!paypalSupportsCurrency(amount.currency)) {
      return {
        reason: 'currency_not_supported',
        message: `PayPal does not take payments in ${amount.currency}, the currency of this account. Please choose another way to pay.`,
      };
    }
    if (amount.amountMinor <= 0) return { reason: 'below_minimum', message: 'A PayPal payment must be more than zero.' };
    const dropped = minorUnitDigits(amount.currency) - (PAYPAL_CURRENCY_DECIMALS[amount.currency] ?? 0);
    if (dropped > 0 && amount.amountMinor % 10 ** dropped !== 0) {
      return { reason: 'precision', message: `PayPal takes ${amount.currency} in whole units only; this amount has a fraction.` };
    }
    return undefined;
  },
};
