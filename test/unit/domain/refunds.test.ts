import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessRuleError, ValidationError } from '../../../functions/domain/errors.js';
import type { ActivityActor } from '../../../functions/domain/invoice-activity.js';
import { money } from '../../../functions/domain/money.js';
import type { Payment } from '../../../functions/domain/payment.js';
import { type Refund, planRefund, refundActivities, refundableOf } from '../../../functions/domain/refund.js';
import { issueInvoice, openInvoiceArb } from './arbitraries.js';
import { runs } from './property-runs.js';

const AT = new Date('2026-03-05T12:00:00.000Z');
const STAFF: ActivityActor = { kind: 'staff', id: 'sub-1', email: 'staff@example.com' };
const usd = (minor: number) => money(minor, 'USD');
const invoiceOf = (totalMinor: number) => issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: totalMinor }] });

/** A card payment of `amount` of which `applied` paid invoice inv_1 (the rest became credit). */
const payment = (amount: number, applied = amount, extra: Partial<Payment> = {}): Payment => ({
  method: 'card', externalId: 'pi_1', customerId: 'cus_1', invoiceId: 'inv_1', amount: usd(amount), appliedToInvoice: usd(applied),
  receivedAt: AT.toISOString(), ...extra,
});

/** The payment as its stored totals say after `refund`. */
const after = (p: Payment, refund: Refund): Payment => ({
  ...p,
  refunded: {
    total: usd((p.refunded?.total.amountMinor ?? 0) + refund.amount.amountMinor),
    fromInvoice: usd((p.refunded?.fromInvoice.amountMinor ?? 0) + refund.fromInvoice.amountMinor),
  },
});

const plan = (p: Payment, amount: number, destination: 'original' | 'credit' = 'original') =>
  planRefund(p, { requestId: `req-${amount}`, amount: usd(amount), destination, by: STAFF, at: AT });

describe('Planning a refund', () => {
  it('gives back what paid the invoice first, then what became credit, to the card', () => {
    const overpaid = payment(10_000, 8_000);
    const first = plan(overpaid, 6_000);
    const second = plan(after(overpaid, first), 4_000);

    expect(first).toMatchObject({ fromInvoice: usd(6_000), fromCredit: usd(0), invoices: [{ invoiceId: 'inv_1', amount: usd(6_000) }], status: 'pending' });
    expect(second).toMatchObject({ fromInvoice: usd(2_000), fromCredit: usd(2_000), invoices: [{ invoiceId: 'inv_1', amount: usd(2_000) }] });
  });

  it('refunds to credit only what paid invoices: the rest is account credit already', () => {
    const overpaid = payment(10_000, 8_000);
    expect(refundableOf(overpaid)).toEqual({ toOriginal: usd(10_000), toCredit: usd(8_000) });
    expect(() => plan(overpaid, 8_001, 'credit')).toThrow(new BusinessRuleError('At most 80.00 USD is left to refund of this payment to credit.'));
    expect(plan(overpaid, 8_000, 'credit')).toMatchObject({ fromInvoice: usd(8_000), fromCredit: usd(0) });
  });

  it('counts the automatic refund of money not owed, unless it failed', () => {
    const unowed = payment(5_000, 0, { unowed: true, refund: { status: 'refunded', amount: usd(5_000), requestedAt: AT.toISOString() } });
    expect(() => plan(unowed, 1)).toThrow(new BusinessRuleError('Nothing is left to refund of this payment.'));
    const failed = { ...unowed, refund: { ...unowed.refund!, status: 'failed' as const } };
    expect(plan(failed, 5_000)).toMatchObject({ fromInvoice: usd(0), fromCredit: usd(5_000), invoices: [] });
  });

  it('takes a mass payment’s refund off its invoices in the order they were paid', () => {
    const { invoiceId: _one, ...rest } = payment(9_000);
    const batch: Payment = { ...rest, allocations: [{ invoiceId: 'inv_a', amount: usd(3_000) }, { invoiceId: 'inv_b', amount: usd(6_000) }] };
    const first = plan(batch, 2_000);
    const second = plan(after(batch, first), 5_000);

    expect(first.invoices).toEqual([{ invoiceId: 'inv_a', amount: usd(2_000) }]);
    expect(second.invoices).toEqual([{ invoiceId: 'inv_a', amount: usd(1_000) }, { invoiceId: 'inv_b', amount: usd(4_000) }]);
    expect(refundActivities({ ...second, status: 'refunded' }, () => 'act').map((l) => [l.invoiceId, l.amount?.amountMinor])).toEqual([['inv_a', 1_000], ['inv_b', 4_000]]);
  });

  it('refuses nothing, a payment from credit to the card, and more than is left', () => {
    expect(() => plan(payment(100), 0)).toThrow(ValidationError);
    expect(() => plan(payment(100, 100, { method: 'credit' }), 50)).toThrow(new BusinessRuleError('This payment was made from account credit: refund it to credit.'));
    expect(() => plan(payment(100), 101)).toThrow(BusinessRuleError);
  });

  it('never plans more than was paid, however the refunds are split and sent', () => {
    const arb = fc.record({
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      creditShare: fc.integer({ min: 0, max: 100 }),
      asks: fc.array(fc.record({ amount: fc.integer({ min: 1, max: 600_000 }), toCredit: fc.boolean() }), { maxLength: 20 }),
    });
    fc.assert(fc.property(arb, ({ amount, creditShare, asks }) => {
      const applied = amount - Math.floor((amount * creditShare) / 100);
      let current = payment(amount, applied);
      for (const ask of asks) {
        try {
          const refund = plan(current, ask.amount, ask.toCredit ? 'credit' : 'original');
          expect(refund.fromInvoice.amountMinor + refund.fromCredit.amountMinor).toBe(ask.amount);
          current = after(current, refund);
        } catch (error) {
          expect(error).toBeInstanceOf(BusinessRuleError);
        }
        expect(current.refunded?.total.amountMinor ?? 0).toBeLessThanOrEqual(amount);
        expect(current.refunded?.fromInvoice.amountMinor ?? 0).toBeLessThanOrEqual(applied);
      }
    }), runs());
  });
});

describe('An invoice refunded', () => {
  it('stays paid, its amount paid unchanged, and says what was refunded', () => {
    const issued = invoiceOf(5_000);
    const { invoice: paid } = issued.recordPayment(usd(5_000), AT);
    const refunded = paid.recordRefund(usd(1_500)).recordRefund(usd(500));

    expect(refunded.status).toBe('paid');
    expect(refunded.amountPaid).toEqual(usd(5_000));
    expect(refunded.amountDue).toEqual(usd(0));
    expect(refunded.amountRefunded).toEqual(usd(2_000));
    expect(refunded.state.version).toBe(paid.state.version + 2);
  });

  it('while open, is owed again what is refunded, and can then be voided', () => {
    fc.assert(fc.property(openInvoiceArb.filter((i) => i.total.amountMinor > 1), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (issued, share) => {
      const part = Math.max(1, Math.floor(issued.total.amountMinor * share));
      const { invoice: partly } = issued.recordPayment(money(part, issued.total.currency), AT);
      if (partly.status !== 'open') return;
      const refunded = partly.recordRefund(money(part, issued.total.currency));
      expect(refunded.status).toBe('open');
      expect(refunded.amountDue).toEqual(issued.total);
      expect(refunded.amountRefunded.amountMinor).toBe(part);
      expect(refunded.void(AT).status).toBe('void');
    }), runs());
  });

  it('refuses a refund of more than an open invoice was paid, and any refund of a void one', () => {
    const issued = invoiceOf(5_000);
    const { invoice: partly } = issued.recordPayment(usd(1_000), AT);
    expect(() => partly.recordRefund(usd(1_001))).toThrow(BusinessRuleError);
    expect(() => issued.void(AT).recordRefund(usd(1))).toThrow(BusinessRuleError);
    expect(() => partly.recordRefund(usd(0))).toThrow(ValidationError);
  });
});
