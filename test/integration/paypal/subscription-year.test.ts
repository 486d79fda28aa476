import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';
import { decide } from './approval-driver.js';
import {
  type SubscriptionWorld, clockNow, myInvoices, serviceOf, serviceWithOpenInvoice, settled, startSubscriptionWorld, subscribe,
} from './subscription-system.js';

/**
 * A simulated year of a monthly service paid by a PayPal subscription, on the local clock: the
 * customer also has a default card with automatic billing on, which must never be charged for the
 * service (its due-date charge stands down while the subscription is active). PayPal's renewals
 * follow the same clock (the sandbox bills each cycle whose time has passed).
 */
describe('a year of a monthly service paid by PayPal subscription', () => {
  let w: SubscriptionWorld;
  const figures: string[] = [];

  beforeAll(async () => { w = await startSubscriptionWorld(); }, 120_000);
  afterAll(async () => {
    console.log(`PayPal subscription year:\n  ${figures.join('\n  ')}`);
    await w?.system.stop();
  });

  it('12 renewals pay 12 invoices, none charged by card', async () => {
    // A default card with automatic billing: the due-date charge would use it if it did not stand down.
    const setup = await call(w.system, 'POST', '/v1/payment-methods', { token: w.customer });
    await submitCard(setup.body.redirectUrl, '4242424242424242');
    await w.system.stripe.webhooksIdle();
    const card = (await call(w.system, 'GET', '/v1/payment-methods', { token: w.customer })).body.items[0];
    expect((await call(w.system, 'PATCH', '/v1/me', { token: w.customer, body: { defaultCardId: card.id, autopay: true } })).status).toBe(200);

    const { serviceId, invoiceId } = await serviceWithOpenInvoice(w, 'Monthly hosting', 1500, 5);
    const started = await subscribe(w, invoiceId);
    const back = await decide(started.body.redirectUrl, 'approve');
    expect(back.location).toMatch(/subscription=paypal&subscription_id=I-/);
    const subscriptionId = new URL(back.location!).searchParams.get('subscription_id')!;
    // The return page asks too (as the web app does): the subscription is the service's at once.
    expect((await subscribe(w, invoiceId, { recurring: false, subscriptionId })).body.status).toBe('subscribed');
    await settled(w);

    const wallStart = Date.now();
    const sales = () => w.system.paypal.sales().filter((s) => s.customId === serviceId).length;
    let days = 0;
    while (sales() < 12 && days < 400) {
      await w.system.automation.advance('day');
      w.system.paypal.renewDue();
      await settled(w);
      days++;
    }
    expect(sales()).toBe(12);
    // The last renewal's invoice may still be settling; one more day lets its due date pass too.
    for (let extra = 0; extra < 7; extra++) { await w.system.automation.advance('day'); await settled(w); }

    const invoices = (await myInvoices(w)).filter((i) => i.service?.id === serviceId).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const paid = invoices.filter((i) => i.status === 'paid');
    const methods = invoices.flatMap((i) => i.payments ?? []).map((p) => p.method);
    expect(paid.length).toBeGreaterThanOrEqual(12);
    expect(paid.slice(0, 12).every((i) => i.payments?.every((p) => p.method === 'paypal' || p.method === 'credit'))).toBe(true);
    expect(methods).not.toContain('card');
    // Not one card capture at the card processor, for anything.
    expect(w.system.stripe.captures()).toHaveLength(0);
    // No invoice of the service is left overdue: each was paid by its renewal (or its credit).
    const today = (await clockNow(w)).toISOString().slice(0, 10);
    expect(invoices.filter((i) => i.status === 'open' && i.dueDate < today)).toEqual([]);
    expect((await serviceOf(w, serviceId)).subscription).toMatchObject({ id: subscriptionId, status: 'active', nextBillingAt: expect.any(String) });
    figures.push(`${days} days of clock in ${((Date.now() - wallStart) / 1000).toFixed(0)} s: ${sales()} PayPal payments, ${paid.length} of ${invoices.length} invoices paid `
      + `(methods: ${[...new Set(methods)].join(', ')}), card charges: 0`);
  }, 900_000);

  it('on the due date of an invoice whose renewal has not arrived yet, stands down instead of charging the card; the late renewal then pays it', async () => {
    const { serviceId, invoiceId } = await serviceWithOpenInvoice(w, 'Late renewal hosting', 2100, 5);
    await decide((await subscribe(w, invoiceId)).body.redirectUrl, 'approve');
    await settled(w);
    // PayPal's next renewal is made but its webhooks wait, as when PayPal is late to tell us.
    w.system.paypal.faults.holdWebhooks = true;
    let second: Awaited<ReturnType<typeof myInvoices>>[number] | undefined;
    for (let day = 0; day < 45; day++) {
      await w.system.automation.advance('day');
      w.system.paypal.renewDue();
      second = (await myInvoices(w)).find((i) => i.service?.id === serviceId && i.id !== invoiceId);
      if (second && second.dueDate < (await clockNow(w)).toISOString().slice(0, 10)) break;
    }
    expect(second).toMatchObject({ status: 'open', amountPaid: 0, automaticCharge: { lastOutcome: 'not_charged', reason: expect.stringMatching(/PayPal subscription/) } });
    expect(w.system.stripe.captures()).toHaveLength(0);

    w.system.paypal.faults.holdWebhooks = false;
    w.system.paypal.releaseWebhooks();
    await settled(w);
    const paid = (await myInvoices(w)).find((i) => i.id === second!.id)!;
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 2100 });
    expect(paid.payments?.map((p) => p.method)).toEqual(['paypal']);
    figures.push('late renewal: the due-date charge stood down (not_charged), 0 card captures; the renewal then paid the invoice by PayPal');
  }, 300_000);
});
