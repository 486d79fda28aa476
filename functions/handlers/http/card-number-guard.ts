import { ValidationError } from '../../domain/errors.js';

/**
 * Card numbers must never reach our servers: the providers' hosted pages collect them. A request that
 * carries something that looks like one anywhere in its body or query is refused before it is parsed,
 * stored or logged. "Looks like one": 13–19 digits in a row, or written as cards are (4-4-4-4 with an
 * optional short tail, or Amex's 4-6-5, with spaces or dashes), passing the Luhn check. Other dashed
 * digits, such as the groups of a UUID, are not card-shaped and pass.
 */
const CANDIDATE = /(?<![\d-])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?|\d{4}[ -]\d{6}[ -]\d{5})(?![\d])/g;

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
