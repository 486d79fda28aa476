import { minorDigits, parseMoney } from '../format.js';

/**
 * The least and most one Add Funds may be, as decimals in the account's currency. The API does not
 * publish them yet, so these are the server's defaults (FUNDS_MINIMUM and FUNDS_MAXIMUM in
 * functions/config.ts); the page states them as a guide and leaves the decision to the server, whose
 * refusal names the limits it really applies.
 */
const DEFAULT_FUNDS_LIMITS = { minimum: '5.00', maximum: '2000.00' } as const;

/** The limits in `currency`'s minor units, or undefined where the decimals do not fit its exponent (JPY). */
export function fundsLimits(currency: string): { minimum: number; maximum: number } | undefined {
  if (minorDigits(currency) < 2) return undefined;
  const minimum = parseMoney(DEFAULT_FUNDS_LIMITS.minimum, currency);
  const maximum = parseMoney(DEFAULT_FUNDS_LIMITS.maximum, currency);
  return Number.isNaN(minimum) || Number.isNaN(maximum) ? undefined : { minimum, maximum };
}
