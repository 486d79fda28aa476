import { ValidationError } from '../../domain/errors.js';

/**
 * Card numbers must never reach our servers: the providers' hosted pages collect them. A request that
 * carries something that looks like one anywhere in its body or query is refused before it is parsed,
 * stored or logged, however it is written: JSON escapes, full-width digits, dots or invisible
 * characters between the digits. "Looks like one": 13–19 digits in a row, or written as cards are
 * (4-4-4-4 with an optional short tail, or Amex's 4-6-5, with spaces, dots or dashes), passing the
 * Luhn check. Other dashed digits, such as the groups of a UUID, are not card-shaped and pass.
 */
const CANDIDATE = /(?<![\d.-])(?:\d{13,19}|\d{4}(?:[ .-]\d{4}){3}(?:[ .-]?\d{1,3})?|\d{4}[ .-]\d{6}[ .-]\d{5})(?![\d])/g;

/** Characters that draw nothing: a number written with them between its digits is still that number. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/g;

/**
 * The text as a person would read it: compatibility forms folded (full-width `４２４２` is `4242`,
 * NFKC), invisible characters removed, every kind of space a plain space.
 */
function asRead(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s/g, ' ');
}

function passesLuhn(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    total += d;
  }
  return total % 10 === 0;
}

function looksLikeCard(text: string): boolean {
  for (const match of asRead(text).matchAll(CANDIDATE)) {
    if (passesLuhn(match[0].replace(/[ .-]/g, ''))) return true;
  }
  return false;
}

/** Every string and number inside a JSON value, decoded (so `\u0034` is a `4`). */
function* jsonValues(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (typeof value === 'number' || typeof value === 'bigint') yield String(value);
  else if (Array.isArray(value)) for (const item of value) yield* jsonValues(item);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      yield key;
      yield* jsonValues(item);
    }
  }
}

/**
 * True when the text, or any value in it when it is JSON, holds something card-shaped that passes the
 * Luhn check, after the normalisation above. Big JSON numbers are read from the raw text, since
 * JSON.parse rounds them.
 */
export function containsCardNumber(text: string): boolean {
  if (looksLikeCard(text)) return true;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return false;
  }
  for (const value of jsonValues(parsed)) if (looksLikeCard(value)) return true;
  return false;
}

export function assertNoCardNumber(text: string | undefined, where: string): void {
  if (text && containsCardNumber(text)) {
    throw new ValidationError(where, 'Card numbers are never accepted here. Enter card details only on the payment page.');
  }
}
