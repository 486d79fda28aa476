import { type CalendarDate, calendarDateOf } from '../../domain/calendar-date.js';
import { type Money, minorUnitDigits, toDecimalString } from '../../domain/money.js';

/**
 * How values print on the invoice PDF. Amounts and quantities are formatted from their exact decimal
 * text (Intl.NumberFormat formats a decimal string exactly), never through floating-point division.
 */

const amountFormats = new Map<number, Intl.NumberFormat>();

/**
 * `{amountMinor: 500000, currency: 'HUF'}` → `"5,000.00 HUF"`: the currency's ISO 4217 exponent comes
 * from functions/domain/money.ts, the one source of exponents, so the PDF agrees with the processor.
 */
export function formatAmount(m: Money): string {
  const digits = minorUnitDigits(m.currency);
  let format = amountFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    amountFormats.set(digits, format);
  }
  return `${format.format(toDecimalString(m) as Intl.StringNumericLiteral)} ${m.currency}`;
}

// 100 is the most fraction digits Intl allows; a quantity the API accepts needs far fewer.
const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 100 });

/**
 * A quantity as the plain decimal a person wrote: 0.0000001 → `"0.0000001"` (never `"1e-7"`),
 * 1500 → `"1,500"`, 1.5 → `"1.5"`. The number's shortest round-trip text is what is formatted, so no
 * binary-fraction digits appear.
 */
export function formatQuantity(quantity: number): string {
  return quantityFormat.format(String(quantity) as Intl.StringNumericLiteral);
}

export { formatInvoiceNumber } from '../../domain/invoice-number.js';

/**
 * A date as invoices print it: an instant (an ISO timestamp, such as `issuedAt` or a payment's
 * `receivedAt`) as its UTC calendar date, and a calendar date (a due date) as it is: `2026-03-15`.
 */
export function formatDate(date: string | Date | CalendarDate): string {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  return calendarDateOf(typeof date === 'string' ? new Date(date) : date);
}
