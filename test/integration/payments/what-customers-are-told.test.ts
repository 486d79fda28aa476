import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScheduledWork } from '../../../functions/ports/scheduler.js';
import { invokeAsLambda } from '../../../local/lambda-invocation.js';
import type { LocalSystem } from '../../../local/system.js';
import { seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn, startSignedIn } from '../api/client.js';
import { decide } from '../paypal/approval-driver.js';
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
    // The invoice's page shows the same share, not the rest of the payment as credit.
    const history = (await call(system, 'GET', `/v1/invoices/${b.id}`, { token: alice })).body.payments;
    expect(history).toEqual([expect.objectContaining({ method, amount: 11998, appliedToInvoice: 1499, invoicesPaid: 2 })]);
  });

  it.each(['card', 'paypal'] as const)('funds added by %s: one receipt, with the amount, the method and the credit now', async (method) => {
    await spendAll();
    const before = await mark();
    const started = await call(system, 'POST', '/v1/funds', { token: alice, body: { amount: 2500, method } });
    if (method === 'card') {
      await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
      await system.stripe.webhooksIdle();
    } else {
      await decide(started.body.redirectUrl, 'approve');
      await system.paypal.webhooksIdle();
    }
    await system.automation.settle();
    await system.automation.settle();
    const receipts = await mailSince(before, /added to your account credit/);
    expect(receipts.map((e) => e.subject)).toEqual(['Receipt: 25.00 USD added to your account credit']);
    // The card is named once the processor's report that names it has arrived: payment_intent.succeeded,
    // which may come first, does not (record-payment.ts, noteCard), so a receipt may say only "Card".
    expect(receipts[0]!.text).toMatch(method === 'card' ? /Paid with: (Visa ending in 4242|Card)\n/ : /Paid with: PayPal\n/);
    expect(receipts[0]!.text).toContain('Account credit now: 25.00 USD');
  });

  it('an invoice paid in part from credit at issue: the issue email shows the total, the credit applied and what remains', async () => {
    await spendAll();
    await grant(6803);
    const before = await mark();
    const invoice = await issue(10000);
    expect(invoice).toMatchObject({ amountPaid: 6803, amountDue: 3197 });
    await system.automation.settle();
    const [issued] = await mailSince(before, /^Invoice #/);
    expect(issued!.text).toContain(`issued invoice ${number(invoice)} for 100.00 USD. 68.03 USD of your account credit was applied to it; 31.97 USD remains to pay`);
    expect(issued!.text).toContain('Account credit applied: 68.03 USD');
    expect(issued!.text).toContain('Amount due: 31.97 USD');
  });

  it('each decline of the due-date charge names the card and the next attempt, and the last says it was the last', async () => {
    const seeded = await seedCustomer(system, { ageMs: 0 });
    const token = await signIn(system, seeded.email, seeded.password);
    const setup = await call(system, 'POST', '/v1/payment-methods', { token });
    await submitCard(setup.body.redirectUrl, '4000 0000 0000 0341');
    await system.stripe.webhooksIdle();
    const card = (await call(system, 'GET', '/v1/payment-methods', { token })).body.items.at(-1);
    await call(system, 'PATCH', '/v1/me', { token, body: { defaultCardId: card.id, autopay: true } });
    const dueDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const invoice = (await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: seeded.customerId, dueDate, lines: [{ description: 'Hosting', quantity: 1, unitAmount: 4200 }] },
    })).body;
    await system.automation.settle();
    const before = await mark();
    const invoiceWork = (await import('../../../functions/handlers/invoice-work.js')).handler as unknown as (event: unknown, context: unknown) => Promise<unknown>;
    for (const step of [0, 1, 2, 3]) {
      const work: ScheduledWork = { invoiceId: invoice.id, action: 'charge', step };
      await invokeAsLambda('invoice-work', invoiceWork, { Records: [{
        messageId: randomUUID(), receiptHandle: randomUUID(), body: JSON.stringify(work), md5OfBody: '', eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:invoice-work', awsRegion: 'us-east-1', messageAttributes: {},
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'scheduler', ApproximateFirstReceiveTimestamp: String(Date.now()) },
      }] });
      await system.stripe.webhooksIdle();
      await system.automation.settle();
    }
    const declines = await mailSince(before, /was declined$/);
    expect(declines).toHaveLength(4);
    const texts = declines.map((e) => e.text ?? '');
    const day = (n: number) => new Date(Date.parse(`${dueDate}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    for (const text of texts) expect(text).toContain(`to your ${card.brand === 'visa' ? 'Visa' : card.brand} ending in ${card.last4}`);
    expect(texts.map((text) => /try the card again on (\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? 'last')).toEqual([day(3), day(5), day(7), 'last']);
    expect(texts[3]).toContain('That was the last automatic attempt');
    expect(new Set(texts).size).toBe(4);
  });

  it('a second tab paying an invoice the first tab paid with the saved card hears that it was already paid, and nothing is taken', async () => {
    const setup = await call(system, 'POST', '/v1/payment-methods', { token: alice });
    await submitCard(setup.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    const card = (await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items.at(-1);
    await spendAll();
    const invoice = await issue(2100);
    const firstTab = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method: 'card', cardId: card.id } });
    expect(firstTab.body.status).toBe('paid');
    const ordersBefore = system.paypal.events().length;
    for (const method of ['paypal', 'card', 'credit'] as const) {
      const secondTab = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method } });
      expect(secondTab.status).toBe(200);
      expect(secondTab.body).toMatchObject({ status: 'already_paid', invoice: { status: 'paid', amountPaid: 2100 } });
    }
    expect(system.paypal.events().length).toBe(ordersBefore);
    expect((await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body.payments).toHaveLength(1);
  });

  it('a PayPal payment pending: the invoice says so by method, and paying it together names the pending PayPal payment', async () => {
    const [held, other] = [await issue(7700), await issue(1000)];
    const started = await call(system, 'POST', `/v1/invoices/${held.id}/payments`, { token: alice, body: { method: 'paypal' } });
    await decide(started.body.redirectUrl, 'pending');
    await system.paypal.webhooksIdle();
    expect((await call(system, 'GET', `/v1/invoices/${held.id}`, { token: alice })).body).toMatchObject({ paymentPending: true, pendingMethod: 'paypal' });
    const together = await call(system, 'POST', '/v1/payments', { token: alice, body: { invoiceIds: [held.id, other.id], method: 'card' } });
    expect(together.status).toBe(409);
    expect(together.body.error.message).toBe(`Invoice ${number(held)} has a PayPal payment pending: leave it out and pay the others, or wait until it clears.`);
    expect((await call(system, 'GET', `/v1/invoices/${other.id}`, { token: alice })).body).toMatchObject({ status: 'open', amountPaid: 0 });
  });
});
