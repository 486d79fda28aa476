import { ValidationError } from '../../domain/errors.js';

/**
 * Card numbers must never reach our servers: the providers' hosted pages collect them. A request that
 * carries something that looks like one (13–19 digits, optionally spaced or dashed, passing the Luhn
 * check) anywhere in its body or query is refused before it is parsed, stored or logged.
 */
const CANDIDATE = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;

function passesLuhn(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
    total += d;
  }
  return total % 10 === 0;
}

export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    if (passesLuhn(match[0].replace(/[ -]/g, ''))) return true;
  }
  return false;
}

export function assertNoCardNumber(text: string | undefined, where: string): void {
  if (text && containsCardNumber(text)) {
    throw new ValidationError(where, 'Card numbers are never accepted here. Enter card details only on the payment page.');
  }
}
