import fc from 'fast-check';
import { calendarDate, type CalendarDate } from '../../../functions/domain/calendar-date.js';
import { Invoice, type InvoiceLineInput } from '../../../functions/domain/invoice.js';
import { type CurrencyCode, currency } from '../../../functions/domain/money.js';

/** Two-, zero- and three-digit currencies. */
export const currencyArb = fc.constantFrom('USD', 'EUR', 'GBP', 'JPY', 'KWD').map(currency);

/** Whole quantities (3 servers) and decimal ones with up to three places (1.5 hours, 0.125 GB). */
export const quantityArb = fc.oneof(
  fc.integer({ min: 1, max: 1_000 }),
  fc.integer({ min: 1, max: 1_000_000 }).map((thousandths) => thousandths / 1000),
);

export const lineArb: fc.Arbitrary<InvoiceLineInput> = fc.record({
  description: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
  quantity: quantityArb,
  unitAmountMinor: fc.integer({ min: 0, max: 10_000_000 }),
});

export const linesArb = fc.array(lineArb, { minLength: 1, maxLength: 20 });

export const ISSUED_AT = new Date('2026-03-01T09:00:00.000Z');
export const DUE = calendarDate('2026-03-15');

export function issueInvoice(input: {
  lines: readonly InvoiceLineInput[]; currency?: CurrencyCode; dueDate?: CalendarDate; issuedAt?: Date;
}): Invoice {
  return Invoice.issue({
    billTo: { name: 'Test Customer', email: 'customer@example.test' },
    id: 'inv_1',
    number: 1,
    customerId: 'cus_1',
    currency: input.currency ?? currency('USD'),
    lines: input.lines,
    dueDate: input.dueDate ?? DUE,
    issuedAt: input.issuedAt ?? ISSUED_AT,
  });
}

/** An open invoice with a positive total. */
export const openInvoiceArb = fc.tuple(currencyArb, linesArb)
  .map(([code, lines]) => issueInvoice({ currency: code, lines }))
  .filter((invoice) => invoice.total.amountMinor > 0);
