import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessRuleError, ValidationError } from '../../../functions/domain/errors.js';
import type { Invoice } from '../../../functions/domain/invoice.js';
import { CurrencyMismatchError, currency, money } from '../../../functions/domain/money.js';
import { issueInvoice, openInvoiceArb } from './arbitraries.js';
import { runs } from './property-runs.js';

const AT = new Date('2026-03-05T12:00:00.000Z');
const paymentsArb = fc.array(fc.integer({ min: 1, max: 50_000_000 }), { minLength: 1, maxLength: 30 });

describe('Partial payments', () => {
  it('no sequence of payments makes the amount due negative or the amount paid exceed the total', () => {
    fc.assert(fc.property(openInvoiceArb, paymentsArb, (issued, payments) => {
      let invoice = issued;
      let appliedSoFar = 0;
      for (const amount of payments) {
        if (invoice.status === 'paid') {
          expect(() => invoice.recordPayment(money(amount, invoice.total.currency), AT)).toThrow(BusinessRuleError);
          continue;
        }
        const result = invoice.recordPayment(money(amount, invoice.total.currency), AT);
        invoice = result.invoice;
        appliedSoFar += result.applied.amountMinor;
        expect(result.applied.amountMinor + result.excess.amountMinor).toBe(amount);
        expect(result.excess.amountMinor).toBeGreaterThanOrEqual(0);
        expect(invoice.amountDue.amountMinor).toBeGreaterThanOrEqual(0);
        expect(invoice.amountPaid.amountMinor).toBeLessThanOrEqual(invoice.total.amountMinor);
        expect(invoice.amountPaid.amountMinor).toBe(appliedSoFar);
        expect(invoice.amountPaid.amountMinor + invoice.amountDue.amountMinor).toBe(invoice.total.amountMinor);
        expect(invoice.status).toBe(invoice.amountDue.amountMinor === 0 ? 'paid' : 'open');
      }
    }), runs());
  });

  it('a payment below the amount due keeps the invoice open and reduces what is due by exactly that much', () => {
    const arb = openInvoiceArb.filter((i) => i.total.amountMinor > 1).chain((invoice) =>
      fc.tuple(fc.constant(invoice), fc.integer({ min: 1, max: invoice.total.amountMinor - 1 })));
    fc.assert(fc.property(arb, ([invoice, part]) => {
      const { invoice: after, applied, excess } = invoice.recordPayment(money(part, invoice.total.currency), AT);
      expect(after.status).toBe('open');
      expect(after.amountDue.amountMinor).toBe(invoice.total.amountMinor - part);
      expect(applied.amountMinor).toBe(part);
      expect(excess.amountMinor).toBe(0);
      expect(after.state.paidAt).toBeUndefined();
    }), runs());
  });

  it('returns exactly the excess of an overpayment, and the invoice is paid', () => {
    fc.assert(fc.property(openInvoiceArb, fc.integer({ min: 0, max: 1e9 }), (invoice, extra) => {
      const paid = invoice.total.amountMinor + extra;
      const { invoice: after, applied, excess } = invoice.recordPayment(money(paid, invoice.total.currency), AT);
      expect(excess).toEqual(money(extra, invoice.total.currency));
      expect(applied).toEqual(invoice.total);
      expect(after.status).toBe('paid');
      expect(after.amountDue.amountMinor).toBe(0);
      expect(after.state.paidAt).toBe(AT.toISOString());
    }), runs());
  });

  it('a fully paid invoice takes no further payment', () => {
    fc.assert(fc.property(openInvoiceArb, fc.integer({ min: 1, max: 1e9 }), (invoice, more) => {
      const { invoice: paid } = invoice.recordPayment(invoice.amountDue, AT);
      expect(paid.status).toBe('paid');
      expect(() => paid.recordPayment(money(more, invoice.total.currency), AT)).toThrow(BusinessRuleError);
    }), runs());
  });

  it('settling the invoice clears a pending payment', () => {
    const invoice = issueInvoice({ lines: [{ description: 'VPS', quantity: 1, unitAmountMinor: 2000 }] }).markPaymentPending(true);
    expect(invoice.recordPayment(money(2000, currency('USD')), AT).invoice.state.paymentPending).toBe(false);
  });

  it.each([0, -100])('refuses a payment of %i', (amount) => {
    const invoice = issueInvoice({ lines: [{ description: 'VPS', quantity: 1, unitAmountMinor: 2000 }] });
    expect(() => invoice.recordPayment(money(amount, currency('USD')), AT)).toThrow(ValidationError);
  });

  it('refuses a payment in another currency', () => {
    const invoice = issueInvoice({ lines: [{ description: 'VPS', quantity: 1, unitAmountMinor: 2000 }] });
    expect(() => invoice.recordPayment(money(2000, currency('EUR')), AT)).toThrow(CurrencyMismatchError);
  });

  it('each payment bumps the version, so a concurrent writer can be detected', () => {
    fc.assert(fc.property(openInvoiceArb, (invoice) => {
      const after = invoice.recordPayment(money(1, invoice.total.currency), AT).invoice;
      expect(after.state.version).toBe(invoice.state.version + 1);
    }), runs(100));
  });
});

type Action = { kind: 'pay'; amount: number } | { kind: 'void' } | { kind: 'pending'; pending: boolean };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.integer({ min: 1, max: 5_000_000 }).map((amount) => ({ kind: 'pay' as const, amount })),
  fc.constant({ kind: 'void' as const }),
  fc.boolean().map((pending) => ({ kind: 'pending' as const, pending })),
);

function apply(invoice: Invoice, action: Action): Invoice {
  switch (action.kind) {
    case 'pay': return invoice.recordPayment(money(action.amount, invoice.total.currency), AT).invoice;
    case 'void': return invoice.void(AT);
    case 'pending': return invoice.markPaymentPending(action.pending);
  }
}

describe('Void invoices', () => {
  it('a void invoice can never be paid, whatever happened before', () => {
    fc.assert(fc.property(openInvoiceArb, fc.array(actionArb, { maxLength: 15 }), fc.integer({ min: 1, max: 1e9 }), (issued, actions, amount) => {
      let invoice = issued;
      for (const action of actions) {
        try { invoice = apply(invoice, action); } catch (error) { expect(error).toBeInstanceOf(BusinessRuleError); }
      }
      if (invoice.status !== 'void') invoice = issued.void(AT);
      const before = invoice.state;
      expect(() => invoice.recordPayment(money(amount, invoice.total.currency), AT)).toThrow(BusinessRuleError);
      expect(invoice.state).toEqual(before);
      expect(invoice.amountPaid.amountMinor).toBe(0);
    }), runs());
  });

  it('an invoice with a payment on it cannot be voided; the money has to be refunded first', () => {
    fc.assert(fc.property(openInvoiceArb.filter((i) => i.total.amountMinor > 1), (invoice) => {
      const { invoice: partlyPaid } = invoice.recordPayment(money(1, invoice.total.currency), AT);
      expect(() => partlyPaid.void(AT)).toThrow(BusinessRuleError);
    }), runs(100));
  });
});
