import { describe, expect, it } from 'vitest';
import { fromStripeAmount, toStripeAmount } from '../../../functions/adapters/stripe/stripe-money.js';
import { money } from '../../../functions/domain/money.js';

describe("Money in Stripe's amount format", () => {
  it.each([
    [money(1234, 'USD'), { amount: 1234, currency: 'usd' }],
    [money(500, 'JPY'), { amount: 500, currency: 'jpy' }],
    [money(1230, 'KWD'), { amount: 1230, currency: 'kwd' }],
    [money(150, 'ISK'), { amount: 15000, currency: 'isk' }],
  ])('sends %o as %o and reads it back unchanged', (m, stripe) => {
    expect(toStripeAmount(m)).toEqual(stripe);
    expect(fromStripeAmount(stripe.amount, stripe.currency)).toEqual(m);
  });

  it('refuses an amount Stripe cannot express rather than rounding it', () => {
    expect(() => toStripeAmount(money(150, 'MGA'))).toThrow(RangeError);
  });
});
