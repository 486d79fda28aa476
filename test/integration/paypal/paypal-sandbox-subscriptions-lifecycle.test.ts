import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntervalUnit, type SubscriptionsController, TenureType } from '@paypal/paypal-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PayPalSandbox, startPayPalSandbox } from '../../../local/paypal-sandbox/index.js';
import { accessToken, sdkAt } from './paypal-sandbox-subscriptions-client.js';

const APP = { clientId: `client-${randomUUID()}`, clientSecret: randomUUID(), webhookId: `WH-${randomUUID()}` };
const DAY = 86_400_000;

/** A product and a plan at `price` EUR per `unit`, for `totalCycles` cycles (0: until cancelled). */
async function planAt(url: string, subscriptions: SubscriptionsController, price: string, unit: IntervalUnit, totalCycles: number, productId = `PROD-${randomUUID()}`.slice(0, 40)): Promise<string> {
  const product = await fetch(`${url}/v1/catalogs/products`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await accessToken(url, APP)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: productId, name: 'Hosting', type: 'SERVICE' }),
  });
  expect(product.status).toBe(201);
  const plan = await subscriptions.createBillingPlan({
    body: {
      productId, name: `${price} EUR`,
      billingCycles: [{ frequency: { intervalUnit: unit, intervalCount: 1 }, tenureType: TenureType.Regular, sequence: 1, totalCycles, pricingScheme: { fixedPrice: { currencyCode: 'EUR', value: price } } }],
      paymentPreferences: { autoBillOutstanding: false, paymentFailureThreshold: 1 },
    },
  });
  return plan.result.id!;
}

async function subscribeAndApprove(subscriptions: SubscriptionsController, planId: string, customId: string, startTime?: string): Promise<string> {
  const { result } = await subscriptions.createSubscription({
    body: { planId, customId, ...(startTime ? { startTime } : {}), applicationContext: { returnUrl: 'http://127.0.0.1:9/r', cancelUrl: 'http://127.0.0.1:9/c' } },
  });
  const approved = await fetch(result.links!.find((l) => l.rel === 'approve')!.href, { method: 'POST', body: new URLSearchParams({ decision: 'approve' }), redirect: 'manual' });
  expect(approved.status).toBe(303);
  return result.id!;
}

describe('the local PayPal sandbox: a subscription\'s life', () => {
  let offset = 0;
  let sandbox: PayPalSandbox;
  let subscriptions: SubscriptionsController;
  const salesOf = (customId: string) => sandbox.sales().filter((s) => s.customId === customId);

  beforeAll(async () => {
    sandbox = await startPayPalSandbox({ ...APP, now: () => Date.now() + offset });
    subscriptions = sdkAt(sandbox.url, APP);
  });
  afterAll(() => sandbox.stop());

  it('bills nothing while suspended, skips the cycles missed when activated again, and suspends on a failed payment at the plan\'s threshold', async () => {
    const planId = await planAt(sandbox.url, subscriptions, '10.00', IntervalUnit.Week, 0);
    const id = await subscribeAndApprove(subscriptions, planId, 'service-paused');
    await subscriptions.suspendSubscription({ id, body: { reason: 'Paused by staff' } });
    offset += 30 * DAY;
    sandbox.renewDue();
    expect(salesOf('service-paused')).toHaveLength(1);

    await subscriptions.activateSubscription({ id, body: { reason: 'Resumed' } });
    const resumed = (await subscriptions.getSubscription({ id })).result;
    expect(resumed.status).toBe('ACTIVE');
    expect(Date.parse(resumed.billingInfo!.nextBillingTime!)).toBeGreaterThan(Date.now() + offset);

    sandbox.failNextRenewals(id);
    offset += 7 * DAY;
    const failed = (await subscriptions.getSubscription({ id })).result;
    expect(failed).toMatchObject({ status: 'SUSPENDED', billingInfo: { failedPaymentsCount: 1, lastFailedPayment: { amount: { value: '10.00' } } } });
    expect(salesOf('service-paused')).toHaveLength(1);
    const types = sandbox.events().filter((e) => (e.resource as { id?: string }).id === id).map((e) => e.event_type);
    expect(types).toEqual(['BILLING.SUBSCRIPTION.CREATED', 'BILLING.SUBSCRIPTION.ACTIVATED', 'BILLING.SUBSCRIPTION.SUSPENDED', 'BILLING.SUBSCRIPTION.ACTIVATED', 'BILLING.SUBSCRIPTION.PAYMENT.FAILED', 'BILLING.SUBSCRIPTION.SUSPENDED']);
  });

  it('with a later start_time, bills nothing at approval and the first cycle at that time', async () => {
    const planId = await planAt(sandbox.url, subscriptions, '30.00', IntervalUnit.Month, 0);
    const start = new Date(Date.now() + offset + 10 * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const id = await subscribeAndApprove(subscriptions, planId, 'service-later', start);
    expect((await subscriptions.getSubscription({ id })).result).toMatchObject({ status: 'ACTIVE', billingInfo: { nextBillingTime: start } });
    expect(salesOf('service-later')).toHaveLength(0);
    offset += 10 * DAY + 60_000;
    sandbox.renewDue();
    expect(salesOf('service-later').map((s) => new Date(s.at).toISOString().replace(/\.\d{3}Z$/, 'Z'))).toEqual([start]);
  });

  it('a plan of three cycles bills three times, then the subscription expires', async () => {
    const planId = await planAt(sandbox.url, subscriptions, '99.00', IntervalUnit.Year, 3);
    const id = await subscribeAndApprove(subscriptions, planId, 'service-three');
    offset += 5 * 366 * DAY;
    sandbox.renewDue();
    expect(salesOf('service-three')).toHaveLength(3);
    expect((await subscriptions.getSubscription({ id })).result).toMatchObject({ status: 'EXPIRED', billingInfo: { cycleExecutions: [{ cyclesCompleted: 3, cyclesRemaining: 0 }] } });
    expect(sandbox.events().filter((e) => e.event_type === 'BILLING.SUBSCRIPTION.EXPIRED').map((e) => (e.resource as { id: string }).id)).toEqual([id]);
  });
});

describe('the local PayPal sandbox across a restart (npm start)', () => {
  it('keeps products, plans and subscriptions in its state file, and bills what fell due while it was down', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paypal-sandbox-'));
    let offset = 0;
    const options = { ...APP, stateFile: path.join(dir, 'state.json'), now: () => Date.now() + offset };
    try {
      const first = await startPayPalSandbox(options);
      const planId = await planAt(first.url, sdkAt(first.url, APP), '120.00', IntervalUnit.Year, 0, 'HOSTING-SERVICE');
      const id = await subscribeAndApprove(sdkAt(first.url, APP), planId, 'service-kept');
      await first.stop();

      offset += 370 * DAY;
      const second = await startPayPalSandbox(options);
      expect(second.renewDue()).toBe(1);
      expect(second.sales().filter((s) => s.customId === 'service-kept').map((s) => `${s.amount} ${s.currency}`)).toEqual(['120.00 EUR', '120.00 EUR']);
      const after = (await sdkAt(second.url, APP).getSubscription({ id })).result;
      expect(after).toMatchObject({ status: 'ACTIVE', billingInfo: { cycleExecutions: [{ cyclesCompleted: 2 }] } });
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
