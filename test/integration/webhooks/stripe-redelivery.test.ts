import { DescribeTimeToLiveCommand, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { signedStripeWebhook, stripeEventFixture } from '../../fixtures/stripe/events.js';
import { call, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * R3 and R4 for Stripe: the events of a real hosted-page payment are held back at the sandbox and
 * delivered by the test itself, freshly signed each time as Stripe signs each delivery: many times,
 * all at once, in every order, and again days later.
 */
describe('Stripe events delivered many times and in any order', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  /** A fresh invoice paid on the hosted page, with its events held back; returns them as raw bodies. */
  async function paidWithHeldEvents(amount: number) {
    const { body: invoice } = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Reseller hosting', quantity: 1, unitAmount: amount }] },
    });
    const before = system.stripe.events().length;
    system.stripe.faults.holdWebhooks = true;
    const started = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method: 'card', saveCard: false } });
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    const events = system.stripe.events().slice(before).map((e) => JSON.stringify(e));
    return { invoice, events };
  }

  const deliver = async (rawEvent: string, at = Math.floor(Date.now() / 1000)) => {
    const { body, headers } = signedStripeWebhook(rawEvent, system.stripeWebhookSecret, at);
    const response = await fetch(`${system.url}/webhooks/stripe`, { method: 'POST', headers, body });
    return response.status;
  };
  const state = async (invoiceId: string) => {
    const invoice = (await call(system, 'GET', `/v1/invoices/${invoiceId}`, { token: alice })).body;
    const me = (await call(system, 'GET', '/v1/me', { token: alice })).body;
    return { status: invoice.status, amountPaid: invoice.amountPaid, creditBalance: me.creditBalance };
  };

  it('R3: 100 deliveries in sequence and 20 at once of each event change the invoice once', async () => {
    const { invoice, events } = await paidWithHeldEvents(2750);
    expect(events.length).toBeGreaterThanOrEqual(2);
    const creditBefore = (await state(invoice.id)).creditBalance;
    for (const event of events) {
      for (let i = 0; i < 100; i++) expect(await deliver(event)).toBe(200);
      expect((await Promise.all(Array.from({ length: 20 }, () => deliver(event)))).every((s) => s === 200)).toBe(true);
    }
    const after = await state(invoice.id);
    console.log(`R3 Stripe: ${events.length} events × 120 deliveries → amountPaid ${after.amountPaid} of ${invoice.total}, credit change ${after.creditBalance - creditBefore}`);
    expect(after).toEqual({ status: 'paid', amountPaid: 2750, creditBalance: creditBefore });
  });

  it('R3: keeps the record of applied events in the table without expiry, so a redelivery days later (past any 1-hour cache) still changes nothing', async () => {
    const { invoice, events } = await paidWithHeldEvents(990);
    for (const event of events) await deliver(event);
    const settled = await state(invoice.id);

    const db = new DynamoDBClient({ endpoint: system.dynamoDbEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const ttl = await db.send(new DescribeTimeToLiveCommand({ TableName: system.tableName }));
    const records = await Promise.all(events.map((e) => db.send(new GetItemCommand({
      TableName: system.tableName, Key: { PK: { S: `EVENT#stripe#${(JSON.parse(e) as { id: string }).id}` }, SK: { S: 'EVENT' } },
    }))));
    db.destroy();
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus ?? 'DISABLED').toBe('DISABLED');
    expect(records.every((r) => r.Item !== undefined)).toBe(true);

    // Stripe signs every delivery afresh, so a late redelivery arrives with a current signature.
    for (const event of events) expect(await deliver(event)).toBe(200);
    expect(await state(invoice.id)).toEqual(settled);
  });

  it('R4: every order of a payment’s events, with duplicates, ends in the in-order state', async () => {
    const orders: number[][] = [];
    const permute = (rest: number[], prefix: number[]) => {
      if (rest.length === 0) { orders.push(prefix); return; }
      rest.forEach((x, i) => { if (rest.indexOf(x) === i) permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, x]); });
    };
    let matched = 0;
    let total = 0;
    const reference = await paidWithHeldEvents(1234);
    for (const event of reference.events) await deliver(event);
    const inOrder = await state(reference.invoice.id);
    const credit0 = inOrder.creditBalance;

    const sample = await paidWithHeldEvents(1234);
    permute([...sample.events.keys(), ...sample.events.keys()], []); // each event twice
    for (const order of orders) {
      const run = order === orders[0] ? sample : await paidWithHeldEvents(1234);
      for (const index of order) await deliver(run.events[index]!);
      const final = await state(run.invoice.id);
      total++;
      if (final.status === inOrder.status && final.amountPaid === inOrder.amountPaid && final.creditBalance === credit0) matched++;
    }
    console.log(`R4 Stripe: ${matched}/${total} orders of ${sample.events.length} events (each twice) ended in the in-order state`);
    expect(matched).toBe(total);
  }, 120_000);

  it('acknowledges a payment for an invoice it does not have (so Stripe stops retrying) and changes nothing', async () => {
    const before = await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: admin });
    expect(await deliver(stripeEventFixture('payment_intent.succeeded'))).toBe(200);
    const after = await call(system, 'GET', '/v1/admin/invoices?limit=100', { token: admin });
    expect(after.body).toEqual(before.body);
  });
});
