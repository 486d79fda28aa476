import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { days, seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * Crypto is for established customers (by default: an account at least 90 days old, with at least 2
 * invoices paid by card or PayPal). The rule is held by the API, at its boundaries: both the list the
 * page shows (GET /v1/crypto/currencies) and the payment itself (422 with the reason).
 */
describe('Who may pay by cryptocurrency', () => {
  let system: LocalSystem;
  let admin = '';

  beforeAll(async () => {
    ({ system, admin } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  /** A seeded customer, signed in, with one more invoice open to pay. */
  async function customer(ageMs: number, paidBy: Parameters<typeof seedCustomer>[1]['paidBy'] = []) {
    const seeded = await seedCustomer(system, { ageMs, paidBy });
    const token = await signIn(system, seeded.email, seeded.password);
    const { body: invoice } = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: seeded.customerId, dueDate: '2031-01-31', lines: [{ description: 'VPS', quantity: 1, unitAmount: 2000 }] },
    });
    return { ...seeded, token, invoiceId: invoice.id as string };
  }
  async function outcome(c: Awaited<ReturnType<typeof customer>>) {
    const list = await call(system, 'GET', '/v1/crypto/currencies', { token: c.token });
    const pay = await call(system, 'POST', `/v1/invoices/${c.invoiceId}/payments`, { token: c.token, body: { method: 'crypto' } });
    return { list: list.body, pay };
  }
  const cardTwice = ['card', 'card'] as const;
  /** 89 days, 23 hours and 59 minutes: the request lands well inside the last minute before the 90th day. */
  const almost90Days = days(90) - 60_000;

  it('90 days old with 2 invoices paid by card: may pay; the payment opens the crypto checkout', async () => {
    const { list, pay } = await outcome(await customer(days(90), cardTwice));
    expect(list).toMatchObject({ available: true, rule: { minAccountAgeDays: 90, minPaidInvoices: 2 } });
    expect(list.unavailable).toBeUndefined();
    expect(list.currencies.map((c: { id: string }) => c.id)).toEqual(['BTC-CHAIN', 'BTC-LN']);
    expect(pay.status).toBe(200);
    expect(pay.body).toMatchObject({ status: 'redirect', redirectUrl: expect.stringMatching(new RegExp(`^${system.btcpay.url}/i/`)) });
  });

  it('89 days old (to the minute) with 2 invoices paid by card: refused, with the day it will qualify', async () => {
    const { list, pay } = await outcome(await customer(almost90Days, cardTwice));
    expect(list).toMatchObject({ available: false, unavailable: { code: 'not_established', paidInvoicesNeeded: 0 } });
    expect(Date.parse(list.unavailable.oldEnoughAt) - Date.now()).toBeGreaterThan(0);
    expect(Date.parse(list.unavailable.oldEnoughAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(list.unavailable.message).toContain(`You can pay by cryptocurrency from ${String(list.unavailable.oldEnoughAt).slice(0, 10)}.`);
    expect(pay.status).toBe(422);
    expect(pay.body.error.message).toBe(list.unavailable.message);
  });

  it('1 invoice paid by card: refused, one more needed; 2: allowed', async () => {
    const one = await outcome(await customer(days(120), ['card']));
    expect(one.list.unavailable).toMatchObject({ code: 'not_established', paidInvoicesNeeded: 1 });
    expect(one.list.unavailable.oldEnoughAt).toBeUndefined();
    expect(one.pay.status).toBe(422);
    expect(one.pay.body.error.message).toContain('once 1 more invoice is paid by card or PayPal');
    const two = await outcome(await customer(days(120), cardTwice));
    expect([two.list.available, two.pay.status]).toEqual([true, 200]);
  });

  it('invoices paid by PayPal count; invoices paid by credit or by crypto do not', async () => {
    const paypal = await outcome(await customer(days(120), ['card', 'paypal']));
    expect([paypal.list.available, paypal.pay.status]).toEqual([true, 200]);
    const creditAndCrypto = await outcome(await customer(days(120), ['card', 'credit', 'crypto']));
    expect(creditAndCrypto.list.unavailable).toMatchObject({ code: 'not_established', paidInvoicesNeeded: 1 });
    expect(creditAndCrypto.pay.status).toBe(422);
  });

  it('a new customer: both reasons at once, and no BTCPay invoice is made for them', async () => {
    const before = system.btcpay.events().length;
    const c = await customer(0);
    const { list, pay } = await outcome(c);
    expect(list.unavailable).toMatchObject({ code: 'not_established', paidInvoicesNeeded: 2 });
    expect(list.unavailable.message).toMatch(/once your account is 90 days old \(on \d{4}-\d{2}-\d{2}\) and 2 more invoices are paid by card or PayPal\.$/);
    expect(pay.status).toBe(422);
    expect(system.btcpay.events().length).toBe(before);
  });

  it('invoices paid together on one card page count, each of them; paid together from credit, none', async () => {
    const byCard = await seedCustomer(system, { ageMs: days(120), openInvoices: [1500, 2500] });
    const cardToken = await signIn(system, byCard.email, byCard.password);
    const started = await call(system, 'POST', '/v1/payments', { token: cardToken, body: { invoiceIds: byCard.openInvoices.map((i) => i.id), method: 'card' } });
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    expect((await call(system, 'GET', '/v1/crypto/currencies', { token: cardToken })).body).toMatchObject({ available: true });
    const funds = (await call(system, 'GET', '/v1/funds', { token: cardToken })).body;
    expect(funds.methods.find((m: { id: string }) => m.id === 'crypto')).toMatchObject({ available: true });

    const byCredit = await seedCustomer(system, { ageMs: days(120), openInvoices: [1500, 2500] });
    const creditToken = await signIn(system, byCredit.email, byCredit.password);
    await call(system, 'POST', `/v1/admin/customers/${byCredit.customerId}/credit`, { token: admin, body: { amount: 4000, reason: 'Prepaid' } });
    expect((await call(system, 'POST', '/v1/payments', { token: creditToken, body: { invoiceIds: byCredit.openInvoices.map((i) => i.id), method: 'credit' } })).body.status).toBe('paid');
    expect((await call(system, 'GET', '/v1/crypto/currencies', { token: creditToken })).body.unavailable).toMatchObject({ paidInvoicesNeeded: 2 });
  });
});
