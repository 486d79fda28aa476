import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call } from '../api/client.js';
import { decide } from './approval-driver.js';
import {
  type SubscriptionWorld, creditOf, myInvoices, paypalSubscriptionsOf, serviceOf, serviceWithOpenInvoice, settled, startSubscriptionWorld, subscribe,
} from './subscription-system.js';

/**
 * PayPal subscriptions for services over the whole local system (the real SDK against the local
 * PayPal sandbox, DynamoDB Local, the webhook pipeline): at most one live subscription per service
 * (R13), a renewal delivered 100 times pays once (R3), and cancelling when PayPal cannot be reached
 * changes nothing.
 */
describe('PayPal subscriptions for services', () => {
  let w: SubscriptionWorld;
  const figures: string[] = [];

  beforeAll(async () => { w = await startSubscriptionWorld(); }, 120_000);
  afterAll(async () => {
    console.log(`PayPal subscription figures:\n  ${figures.join('\n  ')}`);
    await w?.system.stop();
  });
  beforeEach(() => w.system.paypal.resetFaults());

  /** Two subscriptions started for one service: the second after the first's approval page was left for over an hour. */
  async function twoStarts(name: string): Promise<{ serviceId: string; invoiceId: string; first: string; second: string }> {
    const { serviceId, invoiceId } = await serviceWithOpenInvoice(w, name, 1200);
    const first = await subscribe(w, invoiceId);
    expect(first.body.status).toBe('redirect');
    // A double click or a second tab gets the same PayPal page: nothing new at PayPal.
    expect((await subscribe(w, invoiceId)).body.redirectUrl).toBe(first.body.redirectUrl);
    await w.system.automation.advance('hour');
    await w.system.automation.advance('hour');
    const second = await subscribe(w, invoiceId);
    expect(second.body.status).toBe('redirect');
    expect(second.body.redirectUrl).not.toBe(first.body.redirectUrl);
    expect(paypalSubscriptionsOf(w, serviceId)).toHaveLength(2);
    return { serviceId, invoiceId, first: first.body.redirectUrl, second: second.body.redirectUrl };
  }

  for (const order of ['first approved first', 'second approved first', 'both approved, webhooks read in reverse'] as const) {
    it(`ends with one active subscription and the other cancelled at PayPal (${order})`, async () => {
      const { serviceId, invoiceId, first, second } = await twoStarts(`Hosting ${order}`);
      const credit = await creditOf(w);
      if (order === 'both approved, webhooks read in reverse') w.system.paypal.faults.holdWebhooks = true;
      const [a, b] = order === 'second approved first' ? [second, first] : [first, second];
      expect((await decide(a, 'approve')).status).toBe(303);
      await settled(w);
      expect((await decide(b, 'approve')).status).toBe(303);
      if (order === 'both approved, webhooks read in reverse') {
        w.system.paypal.faults.holdWebhooks = false;
        w.system.paypal.releaseWebhooks('reverse');
      }
      await settled(w);

      const atPayPal = paypalSubscriptionsOf(w, serviceId);
      expect(atPayPal.map((s) => s.status).sort()).toEqual(['ACTIVE', 'CANCELLED']);
      const live = atPayPal.find((s) => s.status === 'ACTIVE')!;
      expect((await serviceOf(w, serviceId)).subscription).toMatchObject({ id: live.id, status: 'active', nextBillingAt: expect.any(String) });
      // Each charged its first cycle once: one paid the invoice, the other's payment became credit (not lost, not refunded).
      const sales = w.system.paypal.sales().filter((s) => s.customId === serviceId);
      expect(sales).toHaveLength(2);
      const invoice = (await myInvoices(w)).find((i) => i.id === invoiceId)!;
      expect(invoice).toMatchObject({ status: 'paid', amountPaid: 1200 });
      expect(await creditOf(w)).toBe(credit + 1200);
      figures.push(`no duplicates (${order}): PayPal holds ${atPayPal.length} subscriptions, 1 ACTIVE; first payments 2 (1 paid the invoice, 1 became credit)`);
    }, 120_000);
  }

  it('pays one renewal once however often PayPal delivers it (R3: 100 deliveries, 20 at once), with no call to PayPal for a repeat', async () => {
    const { serviceId, invoiceId } = await serviceWithOpenInvoice(w, 'Hosting R3', 900);
    const started = await subscribe(w, invoiceId);
    await decide(started.body.redirectUrl, 'approve');
    await settled(w);
    const sale = w.system.paypal.events().find((e) => e.event_type === 'PAYMENT.SALE.COMPLETED' && (e.resource as { custom?: string }).custom === serviceId)!;
    expect(sale).toBeDefined();
    const credit = await creditOf(w);
    const calls = w.system.paypal.requests().length;
    const raw = JSON.stringify(sale);
    const deliver = () => fetch(`${w.system.url}/webhooks/paypal`, { method: 'POST', headers: { 'content-type': 'application/json', ...w.system.paypal.signDelivery(raw) }, body: raw });
    const statuses: number[] = [];
    for (let round = 0; round < 5; round++) statuses.push(...(await Promise.all(Array.from({ length: 20 }, () => deliver()))).map((r) => r.status));
    await settled(w);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const invoice = (await myInvoices(w)).find((i) => i.id === invoiceId)!;
    expect(invoice.payments?.filter((p) => p.method === 'paypal')).toHaveLength(1);
    expect(invoice).toMatchObject({ status: 'paid', amountPaid: 900 });
    expect(await creditOf(w)).toBe(credit);
    const extraCalls = w.system.paypal.requests().length - calls;
    expect(extraCalls).toBe(0);
    figures.push(`R3: 100 deliveries of one renewal (20 at once) → ${invoice.payments?.length} payment, credit changed by ${(await creditOf(w)) - credit}, ${extraCalls} calls to PayPal`);
  }, 120_000);

  it('cancelling while PayPal cannot be reached says so and changes nothing; then it cancels at PayPal first', async () => {
    const { serviceId, invoiceId } = await serviceWithOpenInvoice(w, 'Hosting cancel', 700);
    await decide((await subscribe(w, invoiceId)).body.redirectUrl, 'approve');
    await settled(w);
    const { subscription } = await serviceOf(w, serviceId);
    expect(subscription).toMatchObject({ status: 'active' });

    w.system.paypal.faults.resetNextConnections = 10;
    const refused = await call(w.system, 'DELETE', `/v1/subscriptions/${subscription!.id}`, { token: w.customer });
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toMatch(/PayPal could not be reached.*nothing changed/);
    w.system.paypal.resetFaults();
    expect((await serviceOf(w, serviceId)).subscription).toMatchObject({ id: subscription!.id, status: 'active' });
    expect(paypalSubscriptionsOf(w, serviceId)).toEqual([{ id: subscription!.id, status: 'ACTIVE' }]);

    const cancelled = await call(w.system, 'DELETE', `/v1/subscriptions/${subscription!.id}`, { token: w.customer });
    expect(cancelled.status).toBe(204);
    expect((await serviceOf(w, serviceId)).subscription).toMatchObject({ id: subscription!.id, status: 'cancelled' });
    expect(paypalSubscriptionsOf(w, serviceId)).toEqual([{ id: subscription!.id, status: 'CANCELLED' }]);
    await settled(w);
    expect((await serviceOf(w, serviceId)).subscription).toMatchObject({ status: 'cancelled' });
    // Another customer's subscription is not found, as every object that is not the caller's.
    expect((await call(w.system, 'DELETE', '/v1/subscriptions/I-NOTOURS000', { token: w.customer })).status).toBe(404);
  }, 120_000);

  it('ending a service at the end of its period cancels its PayPal subscription at PayPal first', async () => {
    const { serviceId, invoiceId } = await serviceWithOpenInvoice(w, 'Hosting ending', 1200);
    await decide((await subscribe(w, invoiceId)).body.redirectUrl, 'approve');
    await settled(w);
    const ended = await call(w.system, 'POST', `/v1/services/${serviceId}/cancel`, { token: w.customer, body: {} });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ cancelAtPeriodEnd: true, subscription: { status: 'cancelled' } });
    expect(paypalSubscriptionsOf(w, serviceId).map((s) => s.status)).toEqual(['CANCELLED']);
  }, 120_000);

  it('made one catalog product, and one plan per price and cycle, reused by every later subscription at that price', () => {
    const made = (path: string) => w.system.paypal.requests().filter((r) => r === `POST ${path}`).length;
    const subscriptions = w.system.paypal.subscriptions().length;
    // Six services so far at three prices (1200 × 4, 900, 700), all monthly in USD.
    expect(made('/v1/catalogs/products')).toBe(1);
    expect(made('/v1/billing/plans')).toBe(3);
    figures.push(`plans: ${made('/v1/billing/plans')} plans and ${made('/v1/catalogs/products')} product made for ${subscriptions} subscriptions at 3 prices`);
  });
});
