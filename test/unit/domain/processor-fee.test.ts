import { describe, expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { DEFAULT_FEE_FLAG_BASIS_POINTS, isFeeHigh, judgeProcessorFee } from '../../../functions/domain/processor-fee.js';

const AT = new Date('2026-11-20T10:00:00Z');
const reading = (fee: number, settled: number) => ({ fee: money(fee, 'USD'), settled: money(settled, 'USD'), details: [] });

describe('A processor fee against the flag threshold (default 4%)', () => {
  it('flags a fee over the threshold: 4.01% of 100.00', () => {
    expect(judgeProcessorFee(reading(401, 10_000), DEFAULT_FEE_FLAG_BASIS_POINTS, AT)).toMatchObject({ basisPoints: 401, flagged: true });
  });

  it('does not flag a fee under it: 3.99%', () => {
    expect(judgeProcessorFee(reading(399, 10_000), DEFAULT_FEE_FLAG_BASIS_POINTS, AT)).toMatchObject({ basisPoints: 399, flagged: false });
  });

  it('does not flag a fee of exactly the threshold: 4.00% is not "more than 4%"', () => {
    expect(judgeProcessorFee(reading(400, 10_000), DEFAULT_FEE_FLAG_BASIS_POINTS, AT)).toMatchObject({ basisPoints: 400, flagged: false });
    expect(isFeeHigh(40, 1_000, 400)).toBe(false);
    expect(isFeeHigh(41, 1_000, 400)).toBe(true);
  });

  it('decides in whole numbers where the rounded share would mislead: 4.004% shows as 4.00% and is flagged', () => {
    expect(judgeProcessorFee(reading(4_004, 100_000), 400, AT)).toMatchObject({ basisPoints: 400, flagged: true });
  });

  it('follows the setting: 3.5% flags a 3.6% fee', () => {
    expect(judgeProcessorFee(reading(360, 10_000), 350, AT).flagged).toBe(true);
  });

  it('refuses a fee in another currency than the amount it is set against', () => {
    expect(() => judgeProcessorFee({ fee: money(30, 'USD'), settled: money(1_000, 'EUR'), details: [] }, 400, AT)).toThrow(RangeError);
  });
});
