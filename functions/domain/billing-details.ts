import { ValidationError } from './errors.js';

/** At most this many address lines, each at most MAX_ADDRESS_LINE_LENGTH characters (what an envelope window and the invoice's "Bill to" column hold). */
export const MAX_ADDRESS_LINES = 6;
export const MAX_ADDRESS_LINE_LENGTH = 100;
/** The longest tax IDs in use are about 20 characters (a Brazilian CNPJ with its punctuation); 40 leaves room for a prefix. */
export const MAX_TAX_ID_LENGTH = 40;

/**
 * A change to what a customer's invoices print under their name. A field left out stays as it is;
 * `null` clears it.
 */
export interface BillingDetailsChange {
  readonly billingAddress?: readonly string[] | null;
  readonly taxId?: string | null;
}

/**
 * Characters that must not reach an invoice: C0 and C1 controls (line breaks included: each line is
 * its own string), the line and paragraph separators, and the bidirectional embedding, override and
 * isolate controls, which could make printed text read differently from what was stored.
 */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

function checkedText(value: string, field: string, maxLength: number, what: string): string {
  const text = value.normalize('NFC').trim();
  if (FORBIDDEN.test(text)) throw new ValidationError(field, `The ${what} cannot contain control characters or line breaks.`);
  if ([...text].length > maxLength) throw new ValidationError(field, `The ${what} can be at most ${maxLength} characters long.`);
  return text;
}

/**
 * Checks and tidies a change of billing details: each text trimmed and in Unicode NFC, blank address
 * lines dropped, an address of no lines or an empty tax ID becoming `null` (cleared).
 * @throws ValidationError naming `billingAddress`, `billingAddress.<i>` or `taxId`
 */
export function billingDetailsChange(input: BillingDetailsChange): BillingDetailsChange {
  const change: { billingAddress?: readonly string[] | null; taxId?: string | null } = {};
  if (input.billingAddress !== undefined) {
    const lines = (input.billingAddress ?? [])
      .map((line, i) => checkedText(line, `billingAddress.${i}`, MAX_ADDRESS_LINE_LENGTH, 'address line'))
      .filter((line) => line.length > 0);
    if (lines.length > MAX_ADDRESS_LINES) {
      throw new ValidationError('billingAddress', `An address can have at most ${MAX_ADDRESS_LINES} lines.`);
    }
    change.billingAddress = lines.length > 0 ? lines : null;
  }
  if (input.taxId !== undefined) {
    const taxId = checkedText(input.taxId ?? '', 'taxId', MAX_TAX_ID_LENGTH, 'tax ID');
    change.taxId = taxId || null;
  }
  return change;
}
