import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { deliverPayPal } from '../webhooks/paypal-events.js';
import { decide } from './approval-driver.js';

/**
 * Add Funds by PayPal over the whole local system: POST /v1/funds opens a PayPal order for no invoice,
 * the customer approves it on the sandbox's page, the approval webhook captures it, and the capture
 * becomes account credit once, with its `funds_added` entry, however often PayPal delivers the events.
 */
describe('Adding funds by PayPal', () => {
  let system: LocalSystem;
  let alice = '';

  beforeAll(async () => {
    ({ system, alice } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());
  beforeEach(() => system.paypal.resetFaults());

  const credit = async () => (await call(system, 'GET', '/v1/me', { token: alice })).body.creditBalance as number;
  const statement = async () => (await call(system, 'GET', '/v1/ledger', { token: alice })).body.items as { kind: string; amount: number }[];
  const addFunds = (amount: number) => call(system, 'POST', '/v1/funds', { token: alice, body: { amount, method: 'paypal' } });

  it('offers PayPal beside card (crypto is for established customers: disabled, with the reason)', async () => {
    const { body } = await call(system, 'GET', '/v1/funds', { token: alice });
    expect(body).toMatchObject({ currency: 'USD', minimum: 500, maximum: 200_000 });
    expect(body.methods.slice(0, 2)).toEqual([{ id: 'card', available: true }, { id: 'paypal', available: true }]);
    expect(body.methods[2]).toMatchObject({ id: 'crypto', available: false, unavailable: { code: 'not_established' } });
  });

  it('credits the amount once the approval is captured, and once only when every event is delivered 100 times', async () => {
    const before = await credit();
    const entriesBefore = (await statement()).length;
    const capturesBefore = system.paypal.captureCount('funds');
    system.paypal.faults.holdWebhooks = true;
    const eventsBefore = system.paypal.events().length;
    const started = await addFunds(3500);
    expect(started.status).toBe(201);
    const approved = await decide(started.body.redirectUrl, 'approve');
    expect(approved.location).toMatch(/\/account\?funds=processing&token=/);
    expect(await credit()).toBe(before); // approved at PayPal; nothing is ours until the webhook says so

    system.paypal.faults.holdWebhooks = false;
    system.paypal.releaseWebhooks();
    await system.paypal.webhooksIdle();
    expect(await credit()).toBe(before + 3500);

    const events = system.paypal.events().slice(eventsBefore).map((event) => JSON.stringify(event));
    expect(events.map((raw) => JSON.parse(raw).event_type)).toEqual(expect.arrayContaining(['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']));
    for (let round = 0; round < 100; round++) {
      const statuses = await Promise.all(events.map((raw) => deliverPayPal(system, raw)));
      expect(statuses.every((status) => status === 200)).toBe(true);
    }
    expect(await credit()).toBe(before + 3500);
    expect(system.paypal.captureCount('funds')).toBe(capturesBefore + 1);
    expect((await statement()).slice(entriesBefore)).toEqual([expect.objectContaining({ kind: 'funds_added', amount: 3500 })]);
  });

  it('credits a held capture (an eCheck) only when it clears, and nothing for a denied one', async () => {
    const before = await credit();
    const held = await addFunds(1200);
    await decide(held.body.redirectUrl, 'pending');
    await system.paypal.webhooksIdle();
    expect(await credit()).toBe(before);
    const capture = system.paypal.captures().filter((c) => c.referenceId === 'funds').at(-1)!;
    system.paypal.settleCapture(capture.captureId, 'COMPLETED');
    await system.paypal.webhooksIdle();
    expect(await credit()).toBe(before + 1200);

    const denied = await addFunds(900);
    await decide(denied.body.redirectUrl, 'deny');
    await system.paypal.webhooksIdle();
    expect(await credit()).toBe(before + 1200);
  });

  it('refuses an amount outside the funds limits with a 400 naming the amount, before PayPal is asked', async () => {
    const response = await addFunds(200_001);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: 'amount' });
  });
});
