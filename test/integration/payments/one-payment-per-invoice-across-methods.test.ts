import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { decide, orderIdOf } from '../paypal/approval-driver.js';
import { openPage, submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * R1 and R13 across methods: an invoice has one live checkout whether it is a card page or a PayPal
 * order, so a customer who opens both (two tabs, a change of mind) pays once.
 */
describe('One payment per invoice, by card and PayPal', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());
  beforeEach(() => {
    system.paypal.resetFaults();
    system.stripe.resetFaults();
  });

  const issue = async (amount: number) => (await call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Domain and hosting', quantity: 1, unitAmount: amount }] },
  })).body as { id: string };
  const pay = (invoiceId: string, method: 'card' | 'paypal') =>
    call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method } });
  const invoice = async (id: string) => (await call(system, 'GET', `/v1/invoices/${id}`, { token: alice })).body;
  const settled = async () => {
    await system.paypal.webhooksIdle();
    await system.stripe.webhooksIdle();
  };

  it('R13: a card page opened after a PayPal page closes the PayPal order; approving it then takes nothing', async () => {
    const { id } = await issue(2100);
    const paypalPage = await pay(id, 'paypal');
    const cardPage = await pay(id, 'card');
    expect(cardPage.body.status).toBe('redirect');
    await decide(paypalPage.body.redirectUrl, 'approve');
    await submitCard(cardPage.body.redirectUrl, '4242 4242 4242 4242');
    await settled();
    console.log(`R13 card after PayPal: PayPal captures ${system.paypal.captureCount(id)}, card captures ${system.stripe.captureCount(id)}`);
    expect(system.paypal.captureCount(id) + system.stripe.captureCount(id)).toBe(1);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 2100 });
  });

  it('R13: a PayPal page opened after a card page closes the card page, which then refuses the card', async () => {
    const { id } = await issue(2200);
    const cardPage = await pay(id, 'card');
    const paypalPage = await pay(id, 'paypal');
    expect(paypalPage.body.status).toBe('redirect');
    expect((await openPage(cardPage.body.redirectUrl)).status).toBe(410);
    expect((await submitCard(cardPage.body.redirectUrl, '4242 4242 4242 4242')).status).toBe(410);
    await decide(paypalPage.body.redirectUrl, 'approve');
    await settled();
    expect(system.stripe.captureCount(id)).toBe(0);
    expect(system.paypal.captureCount(id)).toBe(1);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 2200 });
  });

  it('R13: once a PayPal order is approved, a card click waits for it instead of opening a page', async () => {
    const { id } = await issue(2300);
    system.paypal.faults.holdWebhooks = true;
    const paypalPage = await pay(id, 'paypal');
    await decide(paypalPage.body.redirectUrl, 'approve');
    expect((await pay(id, 'card')).body.status).toBe('processing');
    // Another PayPal click gets the same order, which PayPal will not let be approved twice.
    const again = await pay(id, 'paypal');
    expect(again.body.redirectUrl).toBe(paypalPage.body.redirectUrl);
    expect((await decide(again.body.redirectUrl, 'approve')).status).toBe(410);
    system.paypal.faults.holdWebhooks = false;
    system.paypal.releaseWebhooks();
    await settled();
    expect(system.paypal.captureCount(id)).toBe(1);
    expect(system.stripe.captureCount(id)).toBe(0);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 2300 });
  });

  it('R1: 20 concurrent clicks, half card and half PayPal, leave one live page; whatever is paid, the invoice is paid once', async () => {
    const { id } = await issue(1750);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => pay(id, i % 2 ? 'paypal' : 'card')));
    const statuses = [...new Set(answers.map((a) => a.status))];
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    const pages = answers.filter((a) => a.body.status === 'redirect').map((a) => a.body.redirectUrl as string);
    // Pay on every page handed out: only the live one can take money.
    for (const page of new Set(pages)) {
      if (page.includes('/checkoutnow')) await decide(page, 'approve');
      else await submitCard(page, '4242 4242 4242 4242');
      await settled();
      if (page.includes('/checkoutnow')) await call(system, 'POST', `/v1/invoices/${id}/payments`, { token: alice, body: { method: 'paypal', orderId: orderIdOf(page) } });
    }
    await settled();
    const captures = system.paypal.captureCount(id) + system.stripe.captureCount(id);
    console.log(`R1 card+PayPal: 20 concurrent clicks (answers ${statuses.join('/')}) → ${new Set(pages).size} page(s) handed out, ${captures} capture(s)`);
    expect(captures).toBe(1);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 1750 });
  });
});
