import { describe, expect, it } from 'vitest';
import { currency, money } from '../../../functions/domain/money.js';
import { fundsLimitsIn } from '../../../functions/use-cases/add-funds.js';

const limits = { minimum: '5.00', maximum: '2000.00', byCurrency: { JPY: { minimum: '500', maximum: '300000' } } };

describe('Add Funds limits in the account currency', () => {
  it('reads the decimals in each currency, to its own exponent', () => {
    expect(fundsLimitsIn(limits, currency('USD'))).toEqual({ minimum: money(500, currency('USD')), maximum: money(200_000, currency('USD')) });
    expect(fundsLimitsIn(limits, currency('BHD'))).toEqual({ minimum: money(5000, currency('BHD')), maximum: money(2_000_000, currency('BHD')) });
  });

  it('drops the decimals a currency lacks instead of failing (KRW), and uses a currency’s own limits when set (JPY)', () => {
    expect(fundsLimitsIn(limits, currency('KRW'))).toEqual({ minimum: money(5, currency('KRW')), maximum: money(2000, currency('KRW')) });
    expect(fundsLimitsIn(limits, currency('JPY'))).toEqual({ minimum: money(500, currency('JPY')), maximum: money(300_000, currency('JPY')) });
  });
});
