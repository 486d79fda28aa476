import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.js';
import { Invoice, MAX_LINES } from '../../../functions/domain/invoice.js';
import { currency, money, multiply } from '../../../functions/domain/money.js';
import { DUE, ISSUED_AT, currencyArb, issueInvoice, lineArb, linesArb } from './arbitraries.js';
import { runs } from './property-runs.js';

const line = { description: 'Shared hosting, March', quantity: 1, unitAmountMinor: 999 };

function validationFieldOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('Invoice totals', () => {
  it('total is the sum of the line amounts, for any lines in any currency', () => {
    fc.assert(fc.property(currencyArb, linesArb, (code, lines) => {
      const invoice = issueInvoice({ currency: code, lines });
      const lineSum = invoice.state.lines.reduce((total, l) => total + l.amount.amountMinor, 0);
      expect(invoice.total).toEqual(money(lineSum, code));
    }), runs());
  });

  it('each line amount is its unit price times its quantity, rounded once by multiply', () => {
    fc.assert(fc.property(currencyArb, linesArb, (code, lines) => {
      const invoice = issueInvoice({ currency: code, lines });
      invoice.state.lines.forEach((l, i) => {
        expect(l.amount).toEqual(multiply(money(lines[i]!.unitAmountMinor, code), lines[i]!.quantity));
      });
    }), runs());
  });

  it('does not drift with the order of the lines', () => {
    fc.assert(fc.property(linesArb, (lines) => {
      expect(issueInvoice({ lines: [...lines].reverse() }).total).toEqual(issueInvoice({ lines }).total);
    }), runs());
  });

  it('does not drift when a line is split into two lines with the same unit price and whole quantities', () => {
    const whole = fc.record({ unit: fc.integer({ min: 0, max: 1e7 }), a: fc.integer({ min: 1, max: 500 }), b: fc.integer({ min: 1, max: 500 }) });
    fc.assert(fc.property(whole, ({ unit, a, b }) => {
      const one = issueInvoice({ lines: [{ description: 'x', quantity: a + b, unitAmountMinor: unit }] });
      const two = issueInvoice({ lines: [{ description: 'x', quantity: a, unitAmountMinor: unit }, { description: 'y', quantity: b, unitAmountMinor: unit }] });
      expect(two.total).toEqual(one.total);
    }), runs());
  });

  it('a new invoice is open (paid at once when its total is zero), unpaid, at version 1, and owes its whole total', () => {
    fc.assert(fc.property(linesArb, (lines) => {
      const invoice = issueInvoice({ lines });
      expect(invoice.status).toBe(invoice.total.amountMinor === 0 ? 'paid' : 'open');
      expect(invoice.amountPaid.amountMinor).toBe(0);
      expect(invoice.amountDue).toEqual(invoice.total);
      expect(invoice.state.version).toBe(1);
      expect(invoice.state.paymentPending).toBe(false);
    }), runs(100));
  });

  it('survives a round trip through its stored state unchanged', () => {
    fc.assert(fc.property(linesArb, (lines) => {
      const invoice = issueInvoice({ lines });
      expect(Invoice.fromState(invoice.state).state).toEqual(invoice.state);
    }), runs(100));
  });

  it('refuses stored state whose total does not match its lines', () => {
    const { state } = issueInvoice({ lines: [line] });
    expect(() => Invoice.fromState({ ...state, total: money(1000, state.currency) })).toThrow(RangeError);
  });

  it('keeps 1.5 hours at 80.00 USD as 120.00 USD', () => {
    const invoice = issueInvoice({ lines: [{ description: 'Support', quantity: 1.5, unitAmountMinor: 8000 }] });
    expect(invoice.total).toEqual(money(12000, currency('USD')));
  });
});

describe('Invoice lines are validated before anything is issued', () => {
  it('needs at least one line', () => {
    expect(validationFieldOf(() => issueInvoice({ lines: [] }))).toBe('lines');
  });

  it(`takes at most ${MAX_LINES} lines`, () => {
    expect(validationFieldOf(() => issueInvoice({ lines: Array(MAX_LINES + 1).fill(line) }))).toBe('lines');
    expect(issueInvoice({ lines: Array(MAX_LINES).fill(line) }).state.lines).toHaveLength(MAX_LINES);
  });

  it.each([
    ['a blank description', { description: '   ' }, 'lines.1.description'],
    ['a description over 500 characters', { description: 'x'.repeat(501) }, 'lines.1.description'],
    ['a zero quantity', { quantity: 0 }, 'lines.1.quantity'],
    ['a negative quantity', { quantity: -1 }, 'lines.1.quantity'],
    ['a NaN quantity', { quantity: Number.NaN }, 'lines.1.quantity'],
    ['an infinite quantity', { quantity: Infinity }, 'lines.1.quantity'],
    ['a fractional unit amount', { unitAmountMinor: 9.99 }, 'lines.1.unitAmount'],
    ['a negative unit amount', { unitAmountMinor: -1 }, 'lines.1.unitAmount'],
    ['a quantity of 0.0000001 (more than 6 decimals)', { quantity: 0.0000001 }, 'lines.1.quantity'],
    ['an extremely small quantity (1e-300)', { quantity: 1e-300 }, 'lines.1.quantity'],
    ['the smallest positive number', { quantity: Number.MIN_VALUE }, 'lines.1.quantity'],
    ['a quantity over a million', { quantity: 1_000_001 }, 'lines.1.quantity'],
    ['an enormous quantity (1e300)', { quantity: 1e300 }, 'lines.1.quantity'],
  ])('names the field of %s', (_, change, field) => {
    expect(validationFieldOf(() => issueInvoice({ lines: [line, { ...line, ...change }] }))).toBe(field);
  });

  it('takes quantities to 6 decimals and up to a million', () => {
    for (const quantity of [0.000001, 1.5, 0.25, 1_000_000]) {
      expect(issueInvoice({ lines: [{ ...line, quantity }] }).state.lines[0]!.quantity).toBe(quantity);
    }
  });

  it('refuses a due date before the issue date, and accepts the issue date itself', () => {
    expect(validationFieldOf(() => issueInvoice({ lines: [line], dueDate: '2026-02-28' as typeof DUE }))).toBe('dueDate');
    expect(issueInvoice({ lines: [line], dueDate: '2026-03-01' as typeof DUE, issuedAt: ISSUED_AT }).status).toBe('open');
  });

  it('refuses invoice numbers below 1 or not whole', () => {
    for (const number of [0, -1, 1.5]) {
      expect(() => Invoice.issue({
        billTo: { name: 'Test Customer', email: 'customer@example.test' },
        id: 'inv_1', number, customerId: 'cus_1', currency: currency('USD'), lines: [line], dueDate: DUE, issuedAt: ISSUED_AT,
      })).toThrow(RangeError);
    }
  });

  it('trims line descriptions', () => {
    fc.assert(fc.property(lineArb, (l) => {
      const invoice = issueInvoice({ lines: [{ ...l, description: `  ${l.description}  ` }] });
      expect(invoice.state.lines[0]!.description).toBe(l.description.trim());
    }), runs(100));
  });
});
