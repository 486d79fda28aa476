import { describe, expect, it } from 'vitest';
import { DEFAULT_ESTABLISHED_CUSTOMER_RULE, ESTABLISHING_METHODS, establishment } from '../../../functions/domain/established-customer.js';

const DAY = 86_400_000;
const createdAt = '2026-03-01T10:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(createdAt) + ms);
const rule = DEFAULT_ESTABLISHED_CUSTOMER_RULE;

describe('Who is an established customer (crypto payments)', () => {
  it('defaults to 90 days and 2 invoices paid by card or PayPal; credit and crypto do not establish anyone', () => {
    expect(rule).toEqual({ minAccountAgeDays: 90, minPaidInvoices: 2 });
    expect(ESTABLISHING_METHODS).toEqual(['card', 'paypal']);
  });

  it('is established from the exact millisecond the account is 90 days old, with 2 paid invoices', () => {
    expect(establishment({ accountCreatedAt: createdAt, paidInvoices: 2, rule, now: at(90 * DAY) })).toEqual({ established: true });
    const day89 = establishment({ accountCreatedAt: createdAt, paidInvoices: 2, rule, now: at(90 * DAY - 1) });
    expect(day89).toEqual({
      established: false,
      reason: 'Cryptocurrency payments are for established customers: accounts at least 90 days old with at least 2 invoices paid by card or PayPal. '
        + 'You can pay by cryptocurrency from 2026-05-30.',
      oldEnoughAt: '2026-05-30T10:00:00.000Z',
      paidInvoicesNeeded: 0,
    });
  });

  it('needs the second invoice: 1 is not enough, 2 and more are', () => {
    const one = establishment({ accountCreatedAt: createdAt, paidInvoices: 1, rule, now: at(400 * DAY) });
    expect(one).toMatchObject({ established: false, paidInvoicesNeeded: 1 });
    expect(one).not.toHaveProperty('oldEnoughAt');
    expect(one.established === false && one.reason).toMatch(/You can pay by cryptocurrency once 1 more invoice is paid by card or PayPal\.$/);
    expect(establishment({ accountCreatedAt: createdAt, paidInvoices: 2, rule, now: at(400 * DAY) }).established).toBe(true);
    expect(establishment({ accountCreatedAt: createdAt, paidInvoices: 7, rule, now: at(400 * DAY) }).established).toBe(true);
  });

  it('says both when both are missing', () => {
    const fresh = establishment({ accountCreatedAt: createdAt, paidInvoices: 0, rule, now: at(0) });
    expect(fresh.established === false && fresh.reason).toMatch(
      /once your account is 90 days old \(on 2026-05-30\) and 2 more invoices are paid by card or PayPal\.$/,
    );
  });

  it('follows the provider’s own numbers, 0 included', () => {
    const open = { minAccountAgeDays: 0, minPaidInvoices: 0 };
    expect(establishment({ accountCreatedAt: createdAt, paidInvoices: 0, rule: open, now: at(0) }).established).toBe(true);
    const strict = { minAccountAgeDays: 365, minPaidInvoices: 1 };
    const result = establishment({ accountCreatedAt: createdAt, paidInvoices: 1, rule: strict, now: at(364 * DAY) });
    expect(result).toMatchObject({ established: false, oldEnoughAt: '2027-03-01T10:00:00.000Z' });
    expect(result.established === false && result.reason).toContain('accounts at least 365 days old with at least 1 invoice paid by card or PayPal');
  });
});
