import { describe, expect, it } from 'vitest';
import { fromBtcpayAmount, toBtcpayAmount } from '../../../functions/adapters/btcpay/btcpay-money.js';
import { money } from '../../../functions/domain/money.js';

describe('Money ↔ BTCPay amounts (decimal strings in major units)', () => {
  it.each([
    [1234, 'USD', '12.34'],
    [5, 'USD', '0.05'],
    [100000, 'EUR', '1000.00'],
    [1500, 'JPY', '1500'],
    [1, 'JPY', '1'],
    [1250, 'KWD', '1.250'],
    [7, 'BHD', '0.007'],
    [99999999999, 'USD', '999999999.99'],
  ])('%i minor units of %s are %s, and back', (minor, code, decimal) => {
    expect(toBtcpayAmount(money(minor, code))).toEqual({ amount: decimal, currency: code });
    expect(fromBtcpayAmount(decimal, code)).toEqual(money(minor, code));
  });

  it.each([
    ['5', 'USD', 500],
    ['5.1', 'USD', 510],
    ['0.00', 'EUR', 0],
    ['12.345', 'USD', 1235],
    ['12.344', 'USD', 1234],
    ['1500.4', 'JPY', 1500],
    ['1500.5', 'JPY', 1501],
    ['-2.50', 'USD', -250],
  ])('reads %j in %s as %i minor units (extra digits rounded half away from zero)', (decimal, code, minor) => {
    expect(fromBtcpayAmount(decimal, code).amountMinor).toBe(minor);
  });

  it('refuses what is not a plain decimal, and a currency nobody is billed in', () => {
    for (const bad of ['', '1e3', '12,34', ' 12.34.5', 'NaN']) expect(() => fromBtcpayAmount(bad, 'USD')).toThrow(RangeError);
    expect(() => fromBtcpayAmount('0.001', 'BTC')).toThrow(/Unknown ISO 4217 currency/);
  });
});
