import { ValidationError } from './errors.js';
import { type CurrencyCode, InvalidMoneyError, MAX_AMOUNT_MINOR, type Money, maxAmountText, money, multiply, sum } from './money.js';
import type { InvoiceLine, InvoiceLineInput } from './invoice.js';

export const MAX_LINES = 100;
export const MAX_DESCRIPTION_LENGTH = 500;
/** Quantities are counts or measures (hours, GB, months): up to a million, to 6 decimal places. */
export const MAX_QUANTITY = 1_000_000;
export const MAX_QUANTITY_DECIMALS = 6;

/** How many decimal places a number has as written (1.5 → 1, 1e-7 → 7, 3 → 0). */
function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = value.toString().toLowerCase().split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** Validates and prices an invoice's lines; a bad line is a ValidationError naming `lines.<i>.<field>`. */
export function buildLines(currency: CurrencyCode, inputs: readonly InvoiceLineInput[]): InvoiceLine[] {
  if (inputs.length === 0) throw new ValidationError('lines', 'An invoice needs at least one line.');
  if (inputs.length > MAX_LINES) throw new ValidationError('lines', `An invoice has at most ${MAX_LINES} lines.`);
  return inputs.map((input, i) => {
    const description = input.description.trim();
    if (!description) throw new ValidationError(`lines.${i}.description`, 'Each line needs a description.');
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      throw new ValidationError(`lines.${i}.description`, `A line description has at most ${MAX_DESCRIPTION_LENGTH} characters.`);
    }
    if (!(input.quantity > 0) || !Number.isFinite(input.quantity)) {
      throw new ValidationError(`lines.${i}.quantity`, 'Quantity must be a number greater than zero.');
    }
    if (input.quantity > MAX_QUANTITY) {
      throw new ValidationError(`lines.${i}.quantity`, `Quantity can be at most ${MAX_QUANTITY.toLocaleString('en')}.`);
    }
    if (decimalPlaces(input.quantity) > MAX_QUANTITY_DECIMALS) {
      throw new ValidationError(`lines.${i}.quantity`, `Quantity can have at most ${MAX_QUANTITY_DECIMALS} decimal places.`);
    }
    if (!Number.isSafeInteger(input.unitAmountMinor) || input.unitAmountMinor < 0) {
      throw new ValidationError(`lines.${i}.unitAmount`, 'Unit amount must be a whole number of minor units, zero or more.');
    }
    if (input.unitAmountMinor > MAX_AMOUNT_MINOR) {
      throw new ValidationError(`lines.${i}.unitAmount`, `Unit amount can be at most ${maxAmountText(currency)}.`);
    }
    const unitAmount = money(input.unitAmountMinor, currency);
    const tooLarge = `This line’s amount (quantity × unit amount) can be at most ${maxAmountText(currency)}.`;
    try {
      const amount = multiply(unitAmount, input.quantity);
      if (amount.amountMinor > MAX_AMOUNT_MINOR) throw new ValidationError(`lines.${i}.quantity`, tooLarge);
      return { description, quantity: input.quantity, unitAmount, amount };
    } catch (cause) {
      if (!(cause instanceof InvalidMoneyError)) throw cause;
      throw new ValidationError(`lines.${i}.quantity`, tooLarge, { cause });
    }
  });
}

/** The sum of the lines; a total past MAX_AMOUNT_MINOR (money.ts) is a ValidationError on `lines`. */
export function totalOf(currency: CurrencyCode, lines: readonly InvoiceLine[]): Money {
  // Each line is at most the maximum and there are at most MAX_LINES of them, so the sum is exact.
  const total = sum(currency, lines.map((l) => l.amount));
  if (total.amountMinor > MAX_AMOUNT_MINOR) {
    throw new ValidationError('lines', `The invoice total can be at most ${maxAmountText(currency)}.`);
  }
  return total;
}

