/**
 * Exact decimal arithmetic for the sandbox's money: amounts are BigInt counts of 10^-8 (a satoshi for
 * bitcoin, and the same precision for fiat), so a rate times an amount never passes through a float.
 */
export const SCALE = 8;
const ONE = 10n ** BigInt(SCALE);

/** `"12.5"` → 1_250_000_000n. @throws RangeError for anything but a plain decimal with at most 8 places */
export function parseDecimal(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,8}))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a decimal with at most ${SCALE} places: ${JSON.stringify(text)}`);
  const [, sign, whole = '0', fraction = ''] = match;
  const value = BigInt(whole) * ONE + BigInt(fraction.padEnd(SCALE, '0'));
  return sign === '-' ? -value : value;
}

/** 1_250_000_000n with 2 places → `"12.50"`; rounded half to even, as .NET's Math.Round(decimal, n) is. */
export function formatDecimal(value: bigint, places: number): string {
  const unit = 10n ** BigInt(SCALE - places);
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let quotient = magnitude / unit;
  const remainder = magnitude % unit;
  if (remainder * 2n > unit || (remainder * 2n === unit && quotient % 2n === 1n)) quotient += 1n;
  const digits = quotient.toString().padStart(places + 1, '0');
  const text = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return negative && quotient !== 0n ? `-${text}` : text;
}

/** a × b, both at 10^-8, rounded down to 10^-8. */
export const multiply = (a: bigint, b: bigint): bigint => (a * b) / ONE;

/** a ÷ b at 10^-8, rounded up (a crypto amount due must not fall short by a satoshi). */
export function divideUp(a: bigint, b: bigint): bigint {
  const numerator = a * ONE;
  return numerator / b + (numerator % b === 0n ? 0n : 1n);
}

export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
