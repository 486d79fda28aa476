import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessRuleError } from '../../../functions/domain/errors.js';
import { CHARGE_ATTEMPT_LEASE_MS, type Invoice, type OpenCheckout } from '../../../functions/domain/invoice.js';
import { money } from '../../../functions/domain/money.js';
import { issueInvoice, openInvoiceArb } from './arbitraries.js';
import { runs } from './property-runs.js';

const T0 = new Date('2026-06-01T09:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

function begin(invoice: Invoice, at: Date) {
  const taken = invoice.beginChargeAttempt(at);
  if ('busy' in taken || 'checkoutOpen' in taken) throw new Error('expected to take the attempt');
  return taken;
}

describe('Charge attempts on an invoice', () => {
  it('takes attempt 1 for the amount due, and refuses a second taker while it runs', () => {
    fc.assert(fc.property(openInvoiceArb, fc.integer({ min: 0, max: CHARGE_ATTEMPT_LEASE_MS - 1 }), (invoice, wait) => {
      const first = begin(invoice, T0);
      expect(first.attempt).toBe(1);
      expect(first.amount).toEqual(invoice.amountDue);
      expect(first.invoice.beginChargeAttempt(later(wait))).toEqual({ busy: true });
    }), runs());
  });

  it('resumes an abandoned attempt under the same number and amount once its lease is over, so the processor replays it', () => {
    fc.assert(fc.property(openInvoiceArb, fc.integer({ min: CHARGE_ATTEMPT_LEASE_MS, max: 10 * CHARGE_ATTEMPT_LEASE_MS }), (invoice, wait) => {
      const first = begin(invoice, T0);
      const resumed = begin(first.invoice, later(wait));
      expect(resumed.attempt).toBe(first.attempt);
      expect(resumed.amount).toEqual(first.amount);
    }), runs());
  });

  it('keeps the idempotency key the attempt began with, so whoever resumes it (the customer paying by hand) asks the processor with that key', () => {
    const invoice = issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1000 }] });
    const automatic = invoice.beginChargeAttempt(T0, { idempotencyKey: `due-${invoice.id}-0` });
    if (!('idempotencyKey' in automatic)) throw new Error('expected to take the attempt');
    expect(automatic.idempotencyKey).toBe(`due-${invoice.id}-0`);
    expect(begin(automatic.invoice, later(CHARGE_ATTEMPT_LEASE_MS)).idempotencyKey).toBe(`due-${invoice.id}-0`);
    expect(begin(invoice, T0).idempotencyKey).toBe(`charge-${invoice.id}-1`);
  });

  it('gives the next attempt a new number only after the previous one finished', () => {
    const invoice = issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1000 }] });
    const first = begin(invoice, T0);
    const finished = first.invoice.finishChargeAttempt(first.attempt);
    const second = begin(finished, later(1));
    expect(second.attempt).toBe(2);
    expect(second.invoice.finishChargeAttempt(1)).toBe(second.invoice);
  });

  it('refuses to start a charge on an invoice that is not open', () => {
    const invoice = issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1000 }] });
    const paid = invoice.recordPayment(invoice.amountDue, T0).invoice;
    expect(() => paid.beginChargeAttempt(T0)).toThrow(BusinessRuleError);
    expect(() => invoice.void(T0).beginChargeAttempt(T0)).toThrow(BusinessRuleError);
  });

  it('bumps the version on every change, so two concurrent takers cannot both write', () => {
    const invoice = issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1000 }] });
    const a = begin(invoice, T0);
    expect(a.invoice.state.version).toBe(invoice.state.version + 1);
    expect(invoice.recordPayment(money(1, invoice.state.currency), T0).invoice.state.version).toBe(invoice.state.version + 1);
  });

});

describe('At most one live card page per invoice, and never beside a saved-card charge', () => {
  const hosting = () => issueInvoice({ lines: [{ description: 'Hosting', quantity: 1, unitAmountMinor: 1000 }] });
  const page = (id: string, expiresInMs = 3_600_000, amountMinor = 1000): OpenCheckout => ({
    id, method: 'card', url: `https://pay.test/${id}`, amountMinor, expiresAt: later(expiresInMs).toISOString(),
  });
  const attach = (invoice: Invoice, checkout: OpenCheckout, at = T0) => {
    const attached = invoice.attachCheckout(checkout, at);
    if ('busy' in attached) throw new Error(`expected to attach, got ${attached.busy}`);
    return attached;
  };

  it('keeps one live page: a second is refused while the first is open, and allowed once it has expired', () => {
    const withPage = attach(hosting(), page('cs_1'));
    expect(withPage.attachCheckout(page('cs_2'), later(1))).toEqual({ busy: 'checkout_open' });
    expect(withPage.liveCheckout(later(3_600_000))).toBeUndefined();
    expect(attach(withPage, page('cs_2', 7_200_000), later(3_600_000)).state.checkout?.id).toBe('cs_2');
  });

  it('makes a saved-card charge close the live page first, and refuses a page while a charge runs', () => {
    const withPage = attach(hosting(), page('cs_1'));
    expect(withPage.beginChargeAttempt(later(1))).toEqual({ checkoutOpen: withPage.state.checkout });

    const charging = begin(hosting(), T0).invoice;
    expect(charging.attachCheckout(page('cs_1'), later(1))).toEqual({ busy: 'charge_in_progress' });
    expect('busy' in charging.attachCheckout(page('cs_1'), later(CHARGE_ATTEMPT_LEASE_MS))).toBe(false);
  });

  it('forgets the page when it is paid in part or in full, or voided, and hands it back to be closed', () => {
    const withPage = attach(hosting(), page('cs_1'));
    const part = withPage.recordPayment(money(400, withPage.state.currency), later(1));
    expect(part.invoice.state.checkout).toBeUndefined();
    expect(part.closedCheckout?.id).toBe('cs_1');
    const whole = withPage.recordPayment(withPage.amountDue, later(1)).invoice;
    expect(whole.status).toBe('paid');
    expect(whole.state.checkout).toBeUndefined();
    expect(withPage.void(later(1)).state.checkout).toBeUndefined();
  });

  it('forgets only the page it is told about', () => {
    const withPage = attach(hosting(), page('cs_1'));
    expect(withPage.detachCheckout('cs_other')).toBe(withPage);
    expect(withPage.detachCheckout('cs_1').state.checkout).toBeUndefined();
  });
});
