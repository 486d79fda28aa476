import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { IntervalUnit, SubscriptionError, type SubscriptionsController, TenureType } from '@paypal/paypal-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigningCertificates, sandboxTrust } from '../../../functions/adapters/paypal/certificate-trust.js';
import { PayPalWebhookSource } from '../../../functions/adapters/paypal/paypal-webhook-source.js';
import { type PayPalSandbox, startPayPalSandbox } from '../../../local/paypal-sandbox/index.js';
import { cycleTime } from '../../../local/paypal-sandbox/renewals.js';
import { accessToken, sdkAt } from './paypal-sandbox-subscriptions-client.js';

const APP = { clientId: `client-${randomUUID()}`, clientSecret: randomUUID(), webhookId: `WH-${randomUUID()}` };
const DAY = 86_400_000;

interface Received { type: string; resource: Record<string, unknown>; createTime: string }

describe('the local PayPal sandbox: catalog products, plans and subscriptions', () => {
  let offset = 0;
  let sandbox: PayPalSandbox;
  let receiver: Server;
  let subscriptions: SubscriptionsController;
  let token: string;
  const received: Received[] = [];
  const refused: string[] = [];

  beforeAll(async () => {
    sandbox = await startPayPalSandbox({ ...APP, now: () => Date.now() + offset, webhookRetry: { baseDelayMs: 20 } });
    const source = new PayPalWebhookSource({ webhookId: async () => APP.webhookId }, new SigningCertificates(sandboxTrust(sandbox.url, sandbox.rootCertificatePem)));
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
        source.verify({ rawBody: Buffer.concat(chunks).toString('utf8'), headers }).then((verified) => {
          const event = verified.payload as { event_type: string; resource: Record<string, unknown>; create_time: string };
          received.push({ type: event.event_type, resource: event.resource, createTime: event.create_time });
          res.writeHead(200).end();
        }, (error: unknown) => {
          refused.push(String(error));
          res.writeHead(400).end();
        });
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    sandbox.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/paypal`);
    subscriptions = sdkAt(sandbox.url, APP);
    token = await accessToken(sandbox.url, APP);
  });
  afterAll(async () => {
    await sandbox.stop();
    receiver.close();
  });

  const rest = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${sandbox.url}${path}`, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const eventsOf = (type: string) => received.filter((e) => e.type === type);

  async function productAndPlan(price: string, unit = IntervalUnit.Month, totalCycles = 0): Promise<string> {
    const product = await rest('POST', '/v1/catalogs/products', { name: 'Web hosting', type: 'SERVICE' }, { 'PayPal-Request-Id': randomUUID() });
    const plan = await subscriptions.createBillingPlan({
      paypalRequestId: randomUUID(),
      body: {
        productId: product.body['id'] as string,
        name: `Web hosting, ${price} USD a month`,
        billingCycles: [{ frequency: { intervalUnit: unit, intervalCount: 1 }, tenureType: TenureType.Regular, sequence: 1, totalCycles, pricingScheme: { fixedPrice: { currencyCode: 'USD', value: price } } }],
        paymentPreferences: { autoBillOutstanding: true, paymentFailureThreshold: 0 },
      },
    });
    return plan.result.id!;
  }

  async function subscribe(planId: string, customId: string, requestId = randomUUID()) {
    return subscriptions.createSubscription({
      paypalRequestId: requestId,
      body: { planId, customId, applicationContext: { brandName: 'Example Hosting', returnUrl: 'http://127.0.0.1:9/paypal/return', cancelUrl: 'http://127.0.0.1:9/paypal/cancel' } },
    });
  }

  const decide = async (approveUrl: string, decision: string) => {
    const response = await fetch(approveUrl, { method: 'POST', body: new URLSearchParams({ decision }), redirect: 'manual' });
    return { status: response.status, location: response.headers.get('location') ?? '' };
  };

  it('makes a product (PayPal-Request-Id replayed) and an ACTIVE monthly plan the SDK reads back and lists by product', async () => {
    const requestId = randomUUID();
    const first = await rest('POST', '/v1/catalogs/products', { name: 'Web hosting', description: 'Hosting plans', type: 'SERVICE', category: 'SOFTWARE' }, { 'PayPal-Request-Id': requestId });
    const again = await rest('POST', '/v1/catalogs/products', { name: 'Other' }, { 'PayPal-Request-Id': requestId });
    expect(first.status).toBe(201);
    expect(first.body['id']).toMatch(/^PROD-/);
    expect(again).toMatchObject({ status: 200, body: { id: first.body['id'], name: 'Web hosting' } });
    expect((await rest('GET', `/v1/catalogs/products/${String(first.body['id'])}`)).body).toMatchObject({ type: 'SERVICE', category: 'SOFTWARE' });

    const plan = await subscriptions.createBillingPlan({
      prefer: 'return=representation',
      body: {
        productId: first.body['id'] as string,
        name: 'Basic, monthly',
        billingCycles: [{ frequency: { intervalUnit: IntervalUnit.Month, intervalCount: 1 }, tenureType: TenureType.Regular, sequence: 1, totalCycles: 0, pricingScheme: { fixedPrice: { currencyCode: 'USD', value: '12.50' } } }],
        paymentPreferences: { autoBillOutstanding: true, paymentFailureThreshold: 3 },
      },
    });
    expect(plan.result).toMatchObject({ status: 'ACTIVE', productId: first.body['id'], billingCycles: [{ totalCycles: 0, pricingScheme: { fixedPrice: { currencyCode: 'USD', value: '12.50' } } }] });
    expect((await subscriptions.getBillingPlan(plan.result.id!)).result.billingCycles![0]!.frequency).toEqual({ intervalUnit: 'MONTH', intervalCount: 1 });
    const listed = await subscriptions.listBillingPlans({ productId: first.body['id'] as string, totalRequired: true });
    expect(listed.result.plans!.map((p) => p.id)).toEqual([plan.result.id]);
    expect(listed.result.totalItems).toBe(1);
  });

  it('creates a subscription once per PayPal-Request-Id, APPROVAL_PENDING with an approve link to its own page', async () => {
    const planId = await productAndPlan('9.99');
    const requestId = randomUUID();
    const created = await subscribe(planId, 'service-replay', requestId);
    const replayed = await subscribe(planId, 'service-replay', requestId);
    expect(created.statusCode).toBe(201);
    expect(created.result.status).toBe('APPROVAL_PENDING');
    expect(replayed.statusCode).toBe(200);
    expect(replayed.result.id).toBe(created.result.id);
    const approve = created.result.links!.find((l) => l.rel === 'approve')!.href;
    expect(approve.startsWith(`${sandbox.url}/webapps/billing/subscriptions?ba_token=BA-`)).toBe(true);
    expect(await (await fetch(approve)).text()).toContain('no money moves');
    expect(sandbox.subscriptions().filter((s) => s.custom_id === 'service-replay')).toHaveLength(1);
  });

  it('cancelling on the page returns to the cancel URL and charges nothing; approving activates and bills the first cycle at once', async () => {
    const planId = await productAndPlan('12.50');
    const { result } = await subscribe(planId, 'service-1');
    const id = result.id!;
    const approve = result.links!.find((l) => l.rel === 'approve')!.href;

    const cancelled = await decide(approve, 'cancel');
    expect(cancelled.status).toBe(303);
    expect(new URL(cancelled.location).pathname).toBe('/paypal/cancel');
    expect(new URL(cancelled.location).searchParams.get('subscription_id')).toBe(id);
    expect((await subscriptions.getSubscription({ id })).result.status).toBe('APPROVAL_PENDING');

    const approvedAt = Date.now() + offset;
    const approved = await decide(approve, 'approve');
    expect(new URL(approved.location).pathname).toBe('/paypal/return');
    expect(new URL(approved.location).searchParams.get('subscription_id')).toBe(id);
    expect((await decide(approve, 'approve')).status).toBe(410);

    const active = (await subscriptions.getSubscription({ id })).result;
    expect(active).toMatchObject({ status: 'ACTIVE', customId: 'service-1', planId, billingInfo: { lastPayment: { amount: { currencyCode: 'USD', value: '12.50' } }, failedPaymentsCount: 0 } });
    expect(Math.abs(Date.parse(active.billingInfo!.nextBillingTime!) - cycleTime(approvedAt, { frequency: { interval_unit: 'MONTH', interval_count: 1 } }, 1))).toBeLessThan(5_000);

    await sandbox.webhooksIdle();
    expect(refused).toEqual([]);
    expect(eventsOf('BILLING.SUBSCRIPTION.ACTIVATED').map((e) => e.resource['id'])).toContain(id);
    const sale = eventsOf('PAYMENT.SALE.COMPLETED').find((e) => e.resource['billing_agreement_id'] === id)!;
    expect(sale.resource).toMatchObject({ state: 'completed', custom: 'service-1', amount: { total: '12.50', currency: 'USD' } });
  });

  it('bills each cycle the clock passes once, in order, a month apart, and a failed renewal is announced', async () => {
    const planId = await productAndPlan('5.00');
    const { result } = await subscribe(planId, 'service-year');
    const id = result.id!;
    await decide(result.links!.find((l) => l.rel === 'approve')!.href, 'approve');
    const anchor = Date.parse((await subscriptions.getSubscription({ id })).result.billingInfo!.lastPayment!.time!);

    offset += 365 * DAY + DAY;
    expect(sandbox.renewDue()).toBeGreaterThanOrEqual(12);
    expect(sandbox.renewDue()).toBe(0);
    await sandbox.webhooksIdle();
    const sales = eventsOf('PAYMENT.SALE.COMPLETED').filter((e) => e.resource['billing_agreement_id'] === id);
    expect(sales).toHaveLength(13);
    expect(sales.map((s) => Date.parse(s.createTime))).toEqual(Array.from({ length: 13 }, (_, n) => cycleTime(anchor, { frequency: { interval_unit: 'MONTH', interval_count: 1 } }, n)));
    expect(sandbox.sales().filter((s) => s.subscriptionId === id)).toHaveLength(13);

    sandbox.failNextRenewals(id);
    const next = Date.parse((await subscriptions.getSubscription({ id })).result.billingInfo!.nextBillingTime!);
    offset = next - Date.now() + 3_600_000;
    // Any request lets the sandbox see the time: the SDK's GET bills the due cycle first.
    const after = (await subscriptions.getSubscription({ id })).result;
    expect(after).toMatchObject({ status: 'ACTIVE', billingInfo: { failedPaymentsCount: 1, outstandingBalance: { value: '5.00' } } });
    await sandbox.webhooksIdle();
    expect(eventsOf('BILLING.SUBSCRIPTION.PAYMENT.FAILED').map((e) => e.resource['id'])).toEqual([id]);
    expect(refused).toEqual([]);
  });

  it('cancels once (204, BILLING.SUBSCRIPTION.CANCELLED), then answers PayPal\'s 422 SUBSCRIPTION_STATUS_INVALID, and never bills again', async () => {
    const planId = await productAndPlan('7.00');
    const { result } = await subscribe(planId, 'service-cancel');
    const id = result.id!;
    await decide(result.links!.find((l) => l.rel === 'approve')!.href, 'approve');

    expect((await subscriptions.cancelSubscription({ id, body: { reason: 'Customer asked' } })).statusCode).toBe(204);
    const second = await subscriptions.cancelSubscription({ id, body: { reason: 'Again' } }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(SubscriptionError);
    expect((second as SubscriptionError).statusCode).toBe(422);
    expect((second as SubscriptionError).result).toMatchObject({ name: 'UNPROCESSABLE_ENTITY', details: [{ issue: 'SUBSCRIPTION_STATUS_INVALID' }] });

    offset += 400 * DAY;
    sandbox.renewDue();
    const cancelled = (await subscriptions.getSubscription({ id })).result;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.billingInfo!.nextBillingTime).toBeUndefined();
    expect(sandbox.sales().filter((s) => s.subscriptionId === id)).toHaveLength(1);
    await sandbox.webhooksIdle();
    expect(eventsOf('BILLING.SUBSCRIPTION.CANCELLED').map((e) => e.resource['id'])).toEqual([id]);
  });

  it('counts months on the calendar, clamped to a shorter month\'s end, as PayPal bills', () => {
    const jan31 = Date.UTC(2027, 0, 31, 10, 0, 0);
    const monthly = { frequency: { interval_unit: 'MONTH' as const, interval_count: 1 } };
    expect([1, 2, 3].map((n) => new Date(cycleTime(jan31, monthly, n)).toISOString())).toEqual(['2027-02-28T10:00:00.000Z', '2027-03-31T10:00:00.000Z', '2027-04-30T10:00:00.000Z']);
    expect(new Date(cycleTime(Date.UTC(2028, 1, 29), { frequency: { interval_unit: 'YEAR', interval_count: 1 } }, 1)).toISOString()).toBe('2029-02-28T00:00:00.000Z');
  });
});
