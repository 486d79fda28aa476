import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * Account credit through the API on the local system: Add Funds (credited only once the processor
 * confirms), credit applied at issue and on request, mass pay, staff adjustments, the statement.
 */
describe('Account credit', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const me = async () => (await call(system, 'GET', '/v1/me', { token: alice })).body;
  const credit = async () => (await me()).creditBalance as number;
  const issue = async (amount: number) => (await call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Hosting', quantity: 1, unitAmount: amount }] },
  })).body;
  const grant = (amount: number, reason = 'Goodwill for the outage') => call(system, 'POST', `/v1/admin/customers/${aliceId}/credit`, { token: admin, body: { amount, reason } });
  /** Takes whatever credit Alice has, so that each test starts from none. */
  const spendAll = async () => {
    const balance = await credit();
    if (balance > 0) expect((await grant(-balance, 'Reset for the next test')).status).toBe(201);
  };

  it('adds funds by card: nothing is credited until the processor confirms, then exactly the amount, once', async () => {
    await spendAll();
    const started = await call(system, 'POST', '/v1/funds', { token: alice, body: { amount: 2500, method: 'card' } });
    expect(started.status).toBe(201);
    expect(await credit()).toBe(0);
    system.stripe.faults.holdWebhooks = true;
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    expect(await credit()).toBe(0); // paid at the processor, not confirmed to us yet: "processing"
    system.stripe.faults.holdWebhooks = false;
    system.stripe.releaseWebhooks();
    await system.stripe.webhooksIdle();
    expect(await credit()).toBe(2500);
    const statement = (await call(system, 'GET', '/v1/ledger', { token: alice })).body;
    expect(statement.items.at(-1)).toMatchObject({ kind: 'funds_added', amount: 2500, balanceAfter: 2500 });
  });

  it.each([[499, 'below'], [200_001, 'above']])('refuses to add %i minor units (%s the limits) with a 400 naming the amount', async (amount) => {
    const response = await call(system, 'POST', '/v1/funds', { token: alice, body: { amount, method: 'card' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: 'amount', message: 'Add between 5.00 and 2000.00 USD at a time.' });
  });

  it('pays a new invoice from credit at issue: in full when the credit covers it, in part when not', async () => {
    await spendAll();
    await grant(3000);
    const covered = await issue(1200);
    expect(covered).toMatchObject({ status: 'paid', amountPaid: 1200, amountDue: 0 });
    const partly = await issue(2500);
    expect(partly).toMatchObject({ status: 'open', amountPaid: 1800, amountDue: 700 });
    expect(await credit()).toBe(0);
    const history = (await call(system, 'GET', `/v1/invoices/${partly.id}`, { token: alice })).body.payments;
    expect(history).toEqual([expect.objectContaining({ method: 'credit', amount: 1800, appliedToInvoice: 1800 })]);
  });

  it('applies credit by hand to an unpaid invoice issued before the credit existed: an amount, then the rest', async () => {
    await spendAll();
    const invoice = await issue(4000);
    await grant(5000);
    const part = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method: 'credit', amount: 1500 } });
    expect(part.body).toMatchObject({ status: 'partly_paid', invoice: { amountPaid: 1500, amountDue: 2500 } });
    const rest = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method: 'credit' } });
    expect(rest.body).toMatchObject({ status: 'paid', invoice: { amountPaid: 4000, amountDue: 0 } });
    expect(await credit()).toBe(1000);
  });

  it('R1: 50 concurrent credit applications on two invoices, with credit for one, never overdraw', async () => {
    await spendAll();
    const [a, b] = [await issue(3000), await issue(3000)];
    await grant(3000);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      call(system, 'POST', `/v1/invoices/${(i % 2 ? a : b).id}/payments`, { token: alice, body: { method: 'credit' } })));
    const [afterA, afterB] = await Promise.all([a, b].map(async (i) => (await call(system, 'GET', `/v1/invoices/${i.id}`, { token: alice })).body));
    console.log(`R1 credit: 50 concurrent applications → paid ${afterA.amountPaid + afterB.amountPaid} of 3000 credit; answers ${[...new Set(answers.map((r) => r.status))].join('/')}`);
    expect(afterA.amountPaid + afterB.amountPaid).toBe(3000);
    expect(await credit()).toBe(0);
    expect(answers.every((r) => r.status < 500)).toBe(true);
  });

  it('mass-pays two invoices from credit in one payment, named in each one’s history; not enough credit pays none', async () => {
    await spendAll();
    const [a, b] = [await issue(1100), await issue(900)];
    await grant(1500);
    const refused = await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: [a.id, b.id], method: 'credit' } });
    expect(refused.status).toBe(422);
    expect((await call(system, 'GET', `/v1/invoices/${a.id}`, { token: alice })).body.amountPaid).toBe(0);

    await grant(500);
    const paid = await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: [a.id, b.id], method: 'credit' } });
    expect(paid.body).toMatchObject({ status: 'paid', total: 2000 });
    for (const invoice of [a, b]) {
      const seen = (await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body;
      expect(seen.status).toBe('paid');
      expect(seen.payments).toEqual([expect.objectContaining({ method: 'credit', amount: 2000 })]);
    }
    expect(await credit()).toBe(0);
  });

  it('mass-pays two invoices on one card page: both paid by the one payment, once', async () => {
    const [a, b] = [await issue(1300), await issue(2700)];
    const started = await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: [a.id, b.id], method: 'card' } });
    expect(started.body).toMatchObject({ status: 'redirect', total: 4000 });
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    for (const invoice of [a, b]) {
      const seen = (await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body;
      expect(seen).toMatchObject({ status: 'paid', amountDue: 0 });
      expect(seen.payments).toEqual([expect.objectContaining({ method: 'card', amount: 4000, card: { brand: 'visa', last4: '4242' } })]);
    }
    // A single card page for one of them cannot pay it again: it was already paid, and nothing is taken.
    expect((await call(system, 'POST', `/v1/invoices/${a.id}/payments`, { token: alice, body: { method: 'card' } })).body.status).toBe('already_paid');
  });

  it('refuses mass pay of more invoices than one payment can hold, and of an invoice that is not open', async () => {
    const tooMany = await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: Array.from({ length: 46 }, (_, i) => `inv_${i}`), method: 'credit' } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.field).toBe('invoiceIds');
    const voided = await issue(500);
    await call(system, 'POST', `/v1/admin/invoices/${voided.id}/void`, { token: admin });
    expect((await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: [voided.id], method: 'credit' } })).status).toBe(422);
  });

  it('lets staff grant and remove credit with a reason the customer reads, never below zero, and keeps who did it', async () => {
    await spendAll();
    expect((await grant(700, 'Goodwill: the March outage')).status).toBe(201);
    const below = await grant(-701, 'Correction');
    expect(below.status).toBe(422);
    expect(below.body.error.message).toContain('never go below zero');
    expect((await grant(-200, 'Correction: duplicate goodwill')).status).toBe(201);
    expect(await credit()).toBe(500);
    expect((await call(system, 'POST', `/v1/admin/customers/${aliceId}/credit`, { token: admin, body: { amount: 100, reason: '  ' } })).status).toBe(400);

    const mine = (await call(system, 'GET', '/v1/ledger', { token: alice })).body.items.slice(-2);
    expect(mine.map((e: { description: string }) => e.description)).toEqual(['Goodwill: the March outage', 'Correction: duplicate goodwill']);
    expect(mine.every((e: { actor?: unknown }) => e.actor === undefined)).toBe(true);
    const staffView = (await call(system, 'GET', `/v1/admin/customers/${aliceId}/ledger`, { token: admin })).body.items.slice(-2);
    expect(staffView.every((e: { actor?: { name: string } }) => e.actor?.name === system.logins.admin.email)).toBe(true);
  });

  it('downloads the statement as CSV with running balances, a formula in a description neutralised', async () => {
    await spendAll();
    await grant(1000, '=HYPERLINK("http://evil.test","click")');
    await grant(-250, '+correction');
    const today = new Date().toISOString().slice(0, 10);
    const response = await call(system, 'GET', `/v1/ledger.csv?from=${today}&to=${today}`, { token: alice });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = response.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = text.slice(1).trim().split('\n');
    expect(rows[0]).toBe('Date,Description,Amount,Currency,Balance');
    const last = rows.slice(-2);
    expect(last[0]).toBe(`${today},"'=HYPERLINK(""http://evil.test"",""click"")",10.00,USD,10.00`);
    expect(last[1]).toBe(`${today},'+correction,-2.50,USD,7.50`);
  });

  it('refuses a date range that ends before it starts, on every statement, naming `to`', async () => {
    const range = 'from=2026-12-20&to=2026-12-01';
    for (const [path, token] of [[`/v1/ledger?${range}`, alice], [`/v1/ledger.csv?${range}`, alice], [`/v1/admin/customers/${aliceId}/ledger?${range}`, admin]] as const) {
      const response = await call(system, 'GET', path, { token });
      expect(response.status, path).toBe(400);
      expect(response.body.error).toMatchObject({ field: 'to', message: 'The end date cannot be before the start date.' });
    }
  });
});
