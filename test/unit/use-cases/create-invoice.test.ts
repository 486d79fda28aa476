import { describe, expect, it } from 'vitest';
import { type CalendarDate, calendarDate } from '../../../functions/domain/calendar-date.js';
import { NotFoundError, ValidationError } from '../../../functions/domain/errors.js';
import { createInvoice } from '../../../functions/use-cases/create-invoice.js';
import { HOSTING, rejectionOf, world } from './world.js';

const DUE: CalendarDate = calendarDate('2026-03-15');

describe('create invoice', () => {
  it('issues an open invoice in the customer’s currency, dated by the clock, with number 1', async () => {
    const w = world();
    const customer = await w.customer('Ana', 'EUR');

    const { invoice, warnings } = await createInvoice(w, {
      customerId: customer.id, dueDate: DUE,
      lines: [HOSTING, { description: 'Support', quantity: 1.5, unitAmountMinor: 8000 }],
    });

    expect(invoice.state).toMatchObject({
      number: 1, customerId: customer.id, currency: 'EUR', status: 'open', dueDate: '2026-03-15', issuedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(invoice.total).toEqual({ amountMinor: 1999 + 12000, currency: 'EUR' });
    expect(invoice.state.lines.every((l) => l.amount.currency === 'EUR')).toBe(true);
    expect(await w.invoices.get(invoice.id)).toBe(invoice);
    expect(warnings).toEqual([]);
  });

  it('gives invoices consecutive numbers, also when created at the same time', async () => {
    const w = world();
    const customer = await w.customer('Ana');

    const invoices = await Promise.all(Array.from({ length: 5 }, async () => (await createInvoice(w, { customerId: customer.id, dueDate: DUE, lines: [HOSTING] })).invoice));

    expect(invoices.map((i) => i.state.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(invoices.map((i) => i.id)).size).toBe(5);
  });

  it('refuses an unknown customer with NotFoundError and takes no number', async () => {
    const w = world();

    const error = await rejectionOf(createInvoice(w, { customerId: 'cus_missing', dueDate: DUE, lines: [HOSTING] }));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(w.invoices.all).toEqual([]);
    expect(w.invoices.lastIssuedNumber).toBe(0);
  });

  it.each([
    ['no lines', [], 'lines'],
    ['a blank description', [HOSTING, { ...HOSTING, description: ' ' }], 'lines.1.description'],
    ['a zero quantity', [{ ...HOSTING, quantity: 0 }], 'lines.0.quantity'],
    ['a negative unit amount', [{ ...HOSTING, unitAmountMinor: -5 }], 'lines.0.unitAmount'],
  ])('refuses %s, naming the field, before a number is taken', async (_, lines, field) => {
    const w = world();
    const customer = await w.customer('Ana');

    const error = await rejectionOf(createInvoice(w, { customerId: customer.id, dueDate: DUE, lines }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(w.invoices.lastIssuedNumber).toBe(0);
    const { invoice: next } = await createInvoice(w, { customerId: customer.id, dueDate: DUE, lines: [HOSTING] });
    expect(next.state.number).toBe(1);
  });

  it('refuses a due date before today, naming the field', async () => {
    const w = world();
    const customer = await w.customer('Ana');

    const error = await rejectionOf(createInvoice(w, { customerId: customer.id, dueDate: calendarDate('2026-02-28'), lines: [HOSTING] }));

    expect((error as ValidationError).field).toBe('dueDate');
    expect(w.invoices.all).toEqual([]);
  });

it('refuses a line whose amount is too large to represent as a 400 naming the line', async () => {
    const w = world();
    const customer = await w.customer('Ana');

    const error = await rejectionOf(createInvoice(w, {
      customerId: customer.id, dueDate: DUE, lines: [{ description: 'Dedicated cluster', quantity: 10_000, unitAmountMinor: 1e12 }],
    }));

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toMatch(/^lines\.0\./);
  });

  it('pays a zero-total invoice on issue: it never shows as unpaid and is never charged', async () => {
    const w = world();
    const customer = await w.customer('Ana');

    const { invoice, warnings } = await createInvoice(w, {
      customerId: customer.id, dueDate: DUE, lines: [{ description: 'Free migration', quantity: 1, unitAmountMinor: 0 }],
    });

    expect(invoice.state).toMatchObject({ status: 'paid', paidAt: '2026-03-01T09:00:00.000Z', amountPaid: { amountMinor: 0 } });
    expect(invoice.amountDue.amountMinor).toBe(0);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['0.30 USD, under the card minimum', 'USD', 30, 'Card payments in USD must be at least 0.50 USD.'],
    ['49 JPY, under the card minimum', 'JPY', 49, 'Card payments in JPY must be at least 50 JPY.'],
    ['1,200,000.00 USD, over the card maximum', 'USD', 120_000_000, 'Card payments in USD are limited to 999999.99 USD; pay this amount another way, or ask us to split the invoice.'],
    ['1.005 KWD, a three-decimal amount not in tens', 'KWD', 1005, 'Card payments in KWD must be a whole number of hundredths (the last digit 0).'],
  ])('issues %s, with a warning for staff that cards cannot pay it', async (_case, code, unitAmountMinor, message) => {
    const w = world();
    const customer = await w.customer('Ana', code);

    const { invoice, warnings } = await createInvoice(w, { customerId: customer.id, dueDate: DUE, lines: [{ ...HOSTING, unitAmountMinor }] });

    expect(invoice.status).toBe('open');
    expect(warnings).toEqual([{ code: 'card_cannot_pay', message }]);
  });

  it.each([['USD', 50], ['GBP', 30], ['KWD', 1010], ['USD', 99_999_999]])('issues %s %i, which cards can be charged, without a warning', async (code, unitAmountMinor) => {
    const w = world();
    const customer = await w.customer('Ana', code);
    const { warnings } = await createInvoice(w, { customerId: customer.id, dueDate: DUE, lines: [{ ...HOSTING, unitAmountMinor }] });
    expect(warnings).toEqual([]);
  });
});
