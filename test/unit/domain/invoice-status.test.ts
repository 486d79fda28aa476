import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarDate, calendarDateOf } from '../../../functions/domain/calendar-date.js';
import { BusinessRuleError } from '../../../functions/domain/errors.js';
import { INVOICE_STATUSES, type Invoice, canTransition } from '../../../functions/domain/invoice.js';
import { money } from '../../../functions/domain/money.js';
import { ISSUED_AT, issueInvoice, openInvoiceArb } from './arbitraries.js';
import { runs } from './property-runs.js';

const AT = new Date('2026-03-05T12:00:00.000Z');
const statusArb = fc.constantFrom(...INVOICE_STATUSES);
const ALLOWED = new Set(['draft→open', 'draft→void', 'open→paid', 'open→void']);

const paidInvoice = (invoice: Invoice) => invoice.recordPayment(invoice.amountDue, AT).invoice;

describe('Invoice status transitions', () => {
  it('allows exactly draft → open | void and open → paid | void', () => {
    fc.assert(fc.property(statusArb, statusArb, (from, to) => {
      expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
    }), runs(50));
  });

  it('paid and void are final: no move leaves them', () => {
    for (const from of ['paid', 'void'] as const) {
      for (const to of INVOICE_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('a paid invoice cannot be voided, take another payment or be marked pending', () => {
    fc.assert(fc.property(openInvoiceArb, (issued) => {
      const paid = paidInvoice(issued);
      expect(() => paid.void(AT)).toThrow(BusinessRuleError);
      expect(() => paid.recordPayment(money(1, paid.total.currency), AT)).toThrow(BusinessRuleError);
      expect(() => paid.markPaymentPending(true)).toThrow(BusinessRuleError);
      expect(paid.status).toBe('paid');
    }), runs(100));
  });

  it('a void invoice cannot be voided again or marked pending', () => {
    fc.assert(fc.property(openInvoiceArb, (issued) => {
      const voided = issued.void(AT);
      expect(voided.state.voidedAt).toBe(AT.toISOString());
      expect(() => voided.void(AT)).toThrow(BusinessRuleError);
      expect(() => voided.markPaymentPending(true)).toThrow(BusinessRuleError);
    }), runs(100));
  });

  it('voiding clears a pending payment flag', () => {
    const pending = issueInvoice({ lines: [{ description: 'Domain', quantity: 1, unitAmountMinor: 1500 }] }).markPaymentPending(true);
    expect(pending.void(AT).state.paymentPending).toBe(false);
  });

  it('every verb returns a new state and leaves the invoice it was called on unchanged', () => {
    fc.assert(fc.property(openInvoiceArb, (issued) => {
      const before = structuredClone(issued.state);
      issued.recordPayment(money(1, issued.total.currency), AT);
      issued.markPaymentPending(true);
      issued.void(AT);
      expect(issued.state).toEqual(before);
    }), runs(100));
  });
});

describe('Overdue is derived from the clock', () => {
  const invoice = issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1000 }], dueDate: calendarDate('2026-03-15') });

  it('is not overdue on its due date, even at the last second (UTC)', () => {
    expect(invoice.isOverdue(new Date('2026-03-15T23:59:59.999Z'))).toBe(false);
  });

  it('is overdue from the first moment of the day after the due date', () => {
    expect(invoice.isOverdue(new Date('2026-03-16T00:00:00.000Z'))).toBe(true);
  });

  it('an open invoice is overdue exactly when today is after its due date', () => {
    const day = 86_400_000;
    const dueInDays = fc.integer({ min: 0, max: 400 });
    const nowOffset = fc.integer({ min: 0, max: 800 * day });
    fc.assert(fc.property(openInvoiceArb, dueInDays, nowOffset, (issued, dueIn, offset) => {
      const dueDate = calendarDateOf(new Date(ISSUED_AT.getTime() + dueIn * day));
      const open = issueInvoice({ lines: issued.state.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitAmountMinor: l.unitAmount.amountMinor })), dueDate });
      const now = new Date(ISSUED_AT.getTime() + offset);
      expect(open.isOverdue(now)).toBe(calendarDateOf(now) > dueDate);
    }), runs());
  });

  it('a paid or void invoice is never overdue, however late it is', () => {
    const lateness = fc.integer({ min: 0, max: 10 * 365 }).map((days) => new Date(Date.UTC(2026, 2, 16) + days * 86_400_000));
    fc.assert(fc.property(openInvoiceArb, lateness, (issued, now) => {
      expect(paidInvoice(issued).isOverdue(now)).toBe(false);
      expect(issued.void(AT).isOverdue(now)).toBe(false);
    }), runs());
  });
});
