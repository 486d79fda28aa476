import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * What a customer is told about their payments, read where they read it: the emails in the local mail
 * server (the outbox drained), and the API's answers. Invoices paid together, funds added, declines,
 * credit at issue.
 */
describe('What customers are told about their payments', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const issue = async (amount: number) => (await call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Hosting', quantity: 1, unitAmount: amount }] },
  })).body;
  const grant = (amount: number, reason = 'Goodwill') => call(system, 'POST', `/v1/admin/customers/${aliceId}/credit`, { token: admin, body: { amount, reason } });
  const credit = async () => (await call(system, 'GET', '/v1/me', { token: alice })).body.creditBalance as number;
  const spendAll = async () => {
    const balance = await credit();
    if (balance > 0) expect((await grant(-balance, 'Reset for the next test')).status).toBe(201);
  };
  const number = (invoice: { number: number | string }) => `#${String(invoice.number).padStart(6, '0')}`;
  /** The emails sent since `mark` whose subject matches. */
  const mailSince = async (mark: number, subject: RegExp) => (await system.mail.listEmails()).slice(mark).filter((e) => subject.test(e.subject));
  const mark = async () => (await system.mail.listEmails()).length;

  it.each(['credit', 'card'] as const)('invoices paid together by %s: each gets one receipt naming itself and its own amount', async (method) => {
    await spendAll();
    const [a, b] = [await issue(10499), await issue(1499)];
    await system.automation.settle();
    const before = await mark();
    if (method === 'credit') await grant(11998);
    const started = await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: [a.id, b.id], method } });
    if (method === 'card') {
      await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
      await system.stripe.webhooksIdle();
    }
    await system.automation.settle();
    const receipts = await mailSince(before, /^Receipt/);
    expect(receipts.map((e) => e.subject).sort()).toEqual([
      `Receipt for invoice ${number(a)}: 104.99 USD paid`,
      `Receipt for invoice ${number(b)}: 14.99 USD paid`,
    ].sort());
    const forB = receipts.find((e) => e.subject.includes(number(b)))!;
    expect(forB.text).toContain(`We received 14.99 USD for invoice ${number(b)}`);
    expect(forB.text).toContain('part of one payment of 119.98 USD');
    expect(forB.text).not.toMatch(/Amount paid:?\s*119\.98/);
  });
});
