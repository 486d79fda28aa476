import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CurrencyMismatchError, InvalidMoneyError, MAX_AMOUNT_MINOR, add, compare, currency, maxAmountText, min, minorUnitDigits, money,
  multiply, readDecimalAmount, subtract, sum, toDecimalString,
} from '../../../functions/domain/money.js';
import { currencyArb } from './arbitraries.js';
import { runs } from './property-runs.js';

const USD = currency('USD');
const EUR = currency('EUR');

/** Reference rounding in exact integer arithmetic: `unit × thousandths / 1000`, half away from zero. */
function exactRoundHalfAwayFromZero(unit: number, thousandths: number): number {
  const product = BigInt(unit) * BigInt(thousandths);
  const magnitude = (2n * (product < 0n ? -product : product) + 1000n) / 2000n;
  return Number(product < 0n ? -magnitude : magnitude);
}

describe('Money amounts', () => {
  it('accepts every safe integer amount of minor units', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), currencyArb, (amount, code) => {
      expect(money(amount, code).amountMinor).toBe(amount);
    }), runs());
  });

  it('rejects fractional amounts, so money is never a float', () => {
    const fractional = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Number.isInteger(x));
    fc.assert(fc.property(fractional, (amount) => {
      expect(() => money(amount, USD)).toThrow(InvalidMoneyError);
    }), runs());
  });

  it.each([Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), Number.MAX_VALUE])('rejects %s', (amount) => {
    expect(() => money(amount, USD)).toThrow(InvalidMoneyError);
  });

  it.each(['usd', 'US', 'USDX', 'ZZZ', ''])('rejects %j as a currency code', (code) => {
    expect(() => money(100, code)).toThrow(InvalidMoneyError);
  });

  it('rejects a sum that would leave the safe integers instead of losing precision', () => {
    expect(() => add(money(Number.MAX_SAFE_INTEGER, USD), money(1, USD))).toThrow(InvalidMoneyError);
  });
});

describe('Money arithmetic', () => {
  it('refuses to combine two currencies in add, subtract, min and compare', () => {
    const twoCurrencies = fc.uniqueArray(currencyArb, { minLength: 2, maxLength: 2 });
    fc.assert(fc.property(twoCurrencies, fc.integer(), fc.integer(), ([a, b], x, y) => {
      const left = money(x, a!);
      const right = money(y, b!);
      for (const op of [add, subtract, min, compare]) expect(() => op(left, right)).toThrow(CurrencyMismatchError);
    }), runs());
  });

  it('refuses a sum that contains another currency', () => {
    expect(() => sum(USD, [money(1, USD), money(1, EUR)])).toThrow(CurrencyMismatchError);
  });

  it('sums any list of amounts to their exact integer total, in any order', () => {
    const amounts = fc.array(fc.integer({ min: -1e12, max: 1e12 }), { maxLength: 50 });
    fc.assert(fc.property(amounts, (values) => {
      const expected = values.reduce((a, b) => a + b, 0);
      expect(sum(USD, values.map((v) => money(v, USD))).amountMinor).toBe(expected);
      expect(sum(USD, [...values].reverse().map((v) => money(v, USD))).amountMinor).toBe(expected);
    }), runs());
  });

  it('subtract undoes add', () => {
    fc.assert(fc.property(fc.integer({ min: -1e14, max: 1e14 }), fc.integer({ min: -1e14, max: 1e14 }), (a, b) => {
      expect(subtract(add(money(a, USD), money(b, USD)), money(b, USD))).toEqual(money(a, USD));
    }), runs());
  });
});

describe('multiply, the one rounding rule', () => {
  it.each([
    [5, 0.5, 3], [-5, 0.5, -3], [3, 0.5, 2], [1999, 1.5, 2999], [1, 0.4, 0], [1, 0.5, 1], [-1, 0.5, -1], [0, 7.25, 0], [1000, 1.005, 1005],
  ])('%i × %d rounds half away from zero to %i', (unit, quantity, expected) => {
    expect(multiply(money(unit, USD), quantity).amountMinor).toBe(expected);
  });

  it('matches exact decimal arithmetic for quantities with up to three decimals', () => {
    const unit = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });
    const thousandths = fc.integer({ min: 1, max: 1_000_000 });
    fc.assert(fc.property(unit, thousandths, (u, t) => {
      expect(multiply(money(u, USD), t / 1000).amountMinor).toBe(exactRoundHalfAwayFromZero(u, t));
    }), runs(2000));
  });

  it('is symmetric around zero and never moves more than half a minor unit from the exact product', () => {
    fc.assert(fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ min: 0, max: 1e3, noNaN: true }), (u, q) => {
      const positive = multiply(money(u, USD), q).amountMinor;
      const negative = multiply(money(-u, USD), q).amountMinor;
      expect(negative).toBe(positive === 0 ? 0 : -positive);
      expect(Math.abs(positive - u * q)).toBeLessThanOrEqual(0.5 + 1e-6);
      expect(Object.is(positive, -0)).toBe(false);
    }), runs());
  });

  it('is exact for whole quantities within the amounts an invoice line can reach', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1000 }), (u, q) => {
      expect(multiply(money(u, USD), q).amountMinor).toBe(u * q);
    }), runs());
  });

it('is exact for a whole quantity of the largest unit price the API accepts (1e12 × 2000)', () => {
    expect(multiply(money(1e12, USD), 2000).amountMinor).toBe(2e15);
  });

  it('rounds 47,464.39 × 984,557.541 = …346.499 down, as exact arithmetic does', () => {
    expect(multiply(money(4_746_439, USD), 984_557.541).amountMinor).toBe(exactRoundHalfAwayFromZero(4_746_439, 984_557_541));
  });

  it('rounds 54,999.99 × 1000.000001 = 5499999005.499999 down to 5499999005', () => {
    expect(multiply(money(5_499_999, USD), 1000.000001).amountMinor).toBe(5_499_999_005);
  });

  it('rejects a quantity that is not a finite number', () => {
    for (const q of [Number.NaN, Infinity, -Infinity]) expect(() => multiply(money(100, USD), q)).toThrow(InvalidMoneyError);
  });
});

describe('toDecimalString', () => {
  it.each([
    ['USD', 1234, '12.34'], ['USD', 5, '0.05'], ['USD', -5, '-0.05'], ['USD', 0, '0.00'], ['EUR', 100, '1.00'],
    ['JPY', 1234, '1234'], ['JPY', 0, '0'], ['JPY', -7, '-7'],
    ['KWD', 1234, '1.234'], ['KWD', 5, '0.005'], ['KWD', -1005, '-1.005'],
  ])('%s %i is written %s', (code, amount, expected) => {
    expect(toDecimalString(money(amount, code))).toBe(expected);
  });

  it('has exactly the currency’s minor-unit digits after the point and reads back to the same amount', () => {
    fc.assert(fc.property(currencyArb, fc.integer({ min: -1e15, max: 1e15 }), (code, amount) => {
      const text = toDecimalString(money(amount, code));
      const digits = minorUnitDigits(code);
      expect(text.split('.')[1]?.length ?? 0).toBe(digits);
      expect(Number(text.replace('.', ''))).toBe(amount);
    }), runs());
  });
});

describe('the maximum amount and decimals a person writes', () => {
  it('reads back every amount from zero to the maximum in every currency, and says a larger one is too large', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_MINOR }), currencyArb, (amount, code) => {
      expect(readDecimalAmount(toDecimalString(money(amount, code)), code)).toEqual({ amount: money(amount, code) });
    }), runs());
    fc.assert(fc.property(fc.bigInt({ min: BigInt(MAX_AMOUNT_MINOR) + 1n, max: 10n ** 30n }), currencyArb, (minor, code) => {
      const digits = minorUnitDigits(code);
      const text = digits === 0 ? `${minor}` : `${minor / 10n ** BigInt(digits)}.${(minor % 10n ** BigInt(digits)).toString().padStart(digits, '0')}`;
      expect(readDecimalAmount(text, code)).toEqual({ problem: 'too_large' });
    }), runs());
  });

  it('tells too many decimals and not a decimal apart from too large', () => {
    expect(readDecimalAmount('99999999999999999', currency('EUR'))).toEqual({ problem: 'too_large' });
    expect(readDecimalAmount('5.001', currency('EUR'))).toEqual({ problem: 'too_many_decimals' });
    expect(readDecimalAmount('5,00', currency('EUR'))).toEqual({ problem: 'not_a_decimal' });
  });

  it('prints the maximum in the currency', () => {
    expect([maxAmountText(USD), maxAmountText(currency('JPY')), maxAmountText(currency('KWD'))])
      .toEqual(['10,000,000,000.00 USD', '1,000,000,000,000 JPY', '1,000,000,000.000 KWD']);
  });
});
