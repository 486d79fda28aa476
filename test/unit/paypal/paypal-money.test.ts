import { describe, expect, it } from 'vitest';
import { paypalAmountLimits } from '../../../functions/adapters/paypal/paypal-amount-limits.js';
import { fromPayPalAmount, toPayPalAmount } from '../../../functions/adapters/paypal/paypal-money.js';
import { money } from '../../../functions/domain/money.js';

describe('Money in PayPal’s format', () => {
  it.each([
    [1999, 'USD', '19.99'], [5, 'EUR', '0.05'], [100, 'GBP', '1.00'], [1500, 'JPY', '1500'],
    [150000, 'HUF', '1500'], [2500, 'TWD', '25'], [123456789, 'CAD', '1234567.89'],
  ])('%i minor units of %s are "%s"', (minor, code, value) => {
    expect(toPayPalAmount(money(minor, code))).toEqual({ currencyCode: code, value });
    expect(fromPayPalAmount({ currencyCode: code, value })).toEqual(money(minor, code));
  });

  it('reads PayPal amounts exactly, with fewer decimals than the currency has', () => {
    expect(fromPayPalAmount({ currencyCode: 'USD', value: '12.3' })).toEqual(money(1230, 'USD'));
    expect(fromPayPalAmount({ currencyCode: 'USD', value: '0.1' })).toEqual(money(10, 'USD'));
    expect(() => fromPayPalAmount({ currencyCode: 'USD', value: '1.005' })).toThrow(RangeError);
  });

  it('cannot send a fraction of a forint, nor a currency PayPal does not take', () => {
    expect(() => toPayPalAmount(money(150050, 'HUF'))).toThrow(RangeError);
    expect(() => toPayPalAmount(money(1000, 'INR'))).toThrow(RangeError);
  });

  it('refuses, with a sentence for the customer, an account currency PayPal does not take', () => {
    expect(paypalAmountLimits.refusal(money(1000, 'INR'))).toMatchObject({ reason: 'currency_not_supported', message: expect.stringContaining('PayPal does not take payments in INR') });
    expect(paypalAmountLimits.refusal(money(1000, 'KWD'))?.reason).toBe('currency_not_supported');
    expect(paypalAmountLimits.refusal(money(150050, 'HUF'))?.reason).toBe('precision');
    expect(paypalAmountLimits.refusal(money(0, 'USD'))?.reason).toBe('below_minimum');
    expect(paypalAmountLimits.refusal(money(150000, 'HUF'))).toBeUndefined();
    expect(paypalAmountLimits.refusal(money(1, 'USD'))).toBeUndefined();
  });
});
