import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { decide, orderIdOf } from './approval-driver.js';

/**
 * Paying an invoice with PayPal over the whole local system: PayPal's approval page, the approval
 * webhook that triggers the capture, the capture's webhook that pays, and the return page.
 */
describe('Paying an invoice with PayPal', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());
  beforeEach(() => system.paypal.resetFaults());

  const issue = async (amount: number) => (await call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Managed VPS', quantity: 1, unitAmount: amount }] },
  })).body as { id: string; number: number };
  const pay = (invoiceId: string, body: Record<string, unknown> = {}) =>
    call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method: 'paypal', ...body } });
  const invoice = async (id: string) => (await call(system, 'GET', `/v1/invoices/${id}`, { token: alice })).body;

  it('sends the customer to PayPal, and the approval webhook captures the order: the invoice is paid once, by PayPal', async () => {
    const { id } = await issue(4200);
    const started = await pay(id);
    expect(started.body.status).toBe('redirect');
    const approved = await decide(started.body.redirectUrl, 'approve');
    expect(approved.location).toMatch(new RegExp(`/invoices/${id}\\?payment=paypal&token=[A-Z0-9]+&PayerID=`));
    await system.paypal.webhooksIdle();
    expect(system.paypal.captureCount(id)).toBe(1);
    const paid = await invoice(id);
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 4200 });
    expect(paid.payments).toEqual([expect.objectContaining({ method: 'paypal', amount: 4200 })]);
    // The return page asks too: nothing more is captured.
    expect((await pay(id, { orderId: orderIdOf(approved.location!) })).body.status).toBe('paid');
    expect(system.paypal.captureCount(id)).toBe(1);
  });

  it('captures on the return page when the approval webhook is late, and the webhook then changes nothing', async () => {
    const { id } = await issue(1500);
    system.paypal.faults.holdWebhooks = true;
    const started = await pay(id);
    const approved = await decide(started.body.redirectUrl, 'approve');
    const back = await pay(id, { orderId: orderIdOf(approved.location!) });
    expect(back.body).toMatchObject({ status: 'paid', invoice: { status: 'paid', amountPaid: 1500 } });
    system.paypal.faults.holdWebhooks = false;
    system.paypal.releaseWebhooks();
    await system.paypal.webhooksIdle();
    expect(system.paypal.captureCount(id)).toBe(1);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 1500 });
  });

  it('gives two clicks the same PayPal page while it is open', async () => {
    const { id } = await issue(900);
    const [first, second] = await Promise.all([pay(id), pay(id)]);
    expect(first.body.redirectUrl).toBe(second.body.redirectUrl);
  });

  it('shows a held capture (an eCheck) as payment pending, then paid when it clears', async () => {
    const { id } = await issue(7700);
    const started = await pay(id);
    await decide(started.body.redirectUrl, 'pending');
    await system.paypal.webhooksIdle();
    expect(await invoice(id)).toMatchObject({ status: 'open', paymentPending: true, amountPaid: 0 });
    expect((await pay(id)).body.status).toBe('processing');

    system.paypal.settleCapture(system.paypal.captures().find((c) => c.referenceId === id)!.captureId, 'COMPLETED');
    await system.paypal.webhooksIdle();
    expect(await invoice(id)).toMatchObject({ status: 'paid', paymentPending: false, amountPaid: 7700 });
  });

  it('shows a denied capture as unpaid again, and the customer can pay anew', async () => {
    const { id } = await issue(2500);
    const started = await pay(id);
    await decide(started.body.redirectUrl, 'deny');
    await system.paypal.webhooksIdle();
    expect(await invoice(id)).toMatchObject({ status: 'open', paymentPending: false, amountPaid: 0 });
    const again = await pay(id);
    expect(again.body.status).toBe('redirect');
    expect(again.body.redirectUrl).not.toBe(started.body.redirectUrl);
  });

  it('never captures an approval of an order the invoice no longer uses (paid by card meanwhile)', async () => {
    const { id } = await issue(3300);
    system.paypal.faults.holdWebhooks = true;
    const paypalPage = await pay(id);
    // The customer then pays by card: the PayPal order, not yet approved, is closed on our side.
    const card = await call(system, 'POST', `/v1/invoices/${id}/payments`, { token: alice, body: { method: 'card' } });
    expect(card.body.status).toBe('redirect');
    await decide(paypalPage.body.redirectUrl, 'approve');
    system.paypal.faults.holdWebhooks = false;
    system.paypal.releaseWebhooks();
    await system.paypal.webhooksIdle();
    expect(system.paypal.captureCount(id)).toBe(0);
    expect((await pay(id, { orderId: orderIdOf(paypalPage.body.redirectUrl) })).body.status).toBe('declined');
    expect(system.paypal.captureCount(id)).toBe(0);
  });
});
