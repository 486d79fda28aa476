import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoProviderAccounts } from '../../../functions/adapters/dynamodb/dynamo-provider-accounts.js';
import type { LocalSystem } from '../../../local/system.js';
import { signedStripeWebhook } from '../../fixtures/stripe/events.js';
import { documentClient } from '../../support/dynamodb.js';
import { call, signIn, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * The one webhook pipeline, end to end on the local system: signed deliveries from the Stripe sandbox
 * reach POST /webhooks/stripe, are claimed once, translated, checked for whose they are, and applied.
 */
describe('The webhook pipeline', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';
  let bruno = '';
  let brunoId = '';
  let stripe: Stripe;

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
    const second = system.logins.customers[1]!;
    bruno = await signIn(system, second.email, second.password);
    brunoId = second.customerId;
    stripe = new Stripe('sk_test_local_sandbox', { host: system.stripe.host, port: system.stripe.port, protocol: 'http' });
  }, 120_000);
  afterAll(() => system?.stop());

  const deliver = async (rawEvent: string) => {
    const { body, headers } = signedStripeWebhook(rawEvent, system.stripeWebhookSecret);
    return (await fetch(`${system.url}/webhooks/stripe`, { method: 'POST', headers, body })).status;
  };
  const creditOf = async (token: string) => (await call(system, 'GET', '/v1/me', { token })).body.creditBalance as number;
  const ledgerOf = async (customerId: string) => {
    const { Items } = await documentClient(system.dynamoDbEndpoint).send(new QueryCommand({
      TableName: system.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ledger)',
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':ledger': 'LEDGER#' }, ConsistentRead: true,
    }));
    return Items ?? [];
  };
  /** The customer's Stripe customer, made (as the app makes it) by opening the add-a-card page. */
  const stripeCustomerOf = async (token: string, customerId: string) => {
    expect((await call(system, 'POST', '/v1/payment-methods', { token })).status).toBe(201);
    return (await new DynamoProviderAccounts(documentClient(system.dynamoDbEndpoint), system.tableName).find(customerId, 'card'))!;
  };
  const issue = async (customerId: string, amount: number) => (await call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId, dueDate: '2031-01-31', lines: [{ description: 'VPS', quantity: 1, unitAmount: amount }] },
  })).body;
  /**
   * Pays a Checkout Session on the sandbox's page with the events held back, and returns them, raw,
   * to be delivered by the test as often as it likes.
   */
  const payHeld = async (checkoutUrl: string) => {
    const before = system.stripe.events().length;
    system.stripe.faults.holdWebhooks = true;
    await submitCard(checkoutUrl, '4242 4242 4242 4242');
    system.stripe.faults.holdWebhooks = false;
    return system.stripe.events().slice(before).map((e) => JSON.stringify(e));
  };
  /** A Checkout Session made straight at the sandbox, as a payment our app did not start would be. */
  const session = (customer: string, currency: string, amount: number, metadata: Record<string, string>) => stripe.checkout.sessions.create({
    mode: 'payment', customer, line_items: [{ quantity: 1, price_data: { currency, unit_amount: amount, product_data: { name: 'Top-up' } } }],
    payment_intent_data: { metadata }, metadata, success_url: 'http://app.test/ok', cancel_url: 'http://app.test/no',
  });

  it('a delivery repeated 100 times asks Stripe nothing beyond what the first did, and changes state once', async () => {
    const invoice = await issue(aliceId, 4100);
    const started = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method: 'card', saveCard: true } });
    const events = await payHeld(started.body.redirectUrl);
    expect(events.length).toBeGreaterThanOrEqual(2);

    const callsBefore = system.stripe.requests().length;
    for (const event of events) expect(await deliver(event)).toBe(200);
    // The outbox consumer then reads the card fee from Stripe once (record-processor-fee.ts): wait for
    // it, staff's view of the payment shows it, so that its read is counted with the first delivery's.
    await expect.poll(async () => (await call(system, 'GET', `/v1/admin/invoices/${invoice.id}`, { token: admin })).body.payments?.[0]?.processorFee, { timeout: 20_000 })
      .toMatchObject({ amount: 149, currency: 'USD', settledAmount: 4100, flagged: false });
    const callsOfFirstDelivery = system.stripe.requests().length - callsBefore;
    const settled = (await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body;
    const cards = (await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items;

    for (const event of events) for (let i = 0; i < 100; i++) expect(await deliver(event)).toBe(200);
    console.log(`Redelivery: ${events.length} events × 100; Stripe API calls by the first deliveries ${callsOfFirstDelivery}, by the 100× redeliveries ${system.stripe.requests().length - callsBefore - callsOfFirstDelivery}`);
    expect(system.stripe.requests().length - callsBefore).toBe(callsOfFirstDelivery);
    expect(settled).toMatchObject({ status: 'paid', amountPaid: 4100 });
    expect((await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body).toEqual(settled);
    expect((await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items).toEqual(cards);
  });

  it('a delivery that fails on our side (Stripe unreachable for a look-up) is answered 5xx and applied by the next delivery', async () => {
    const invoice = await issue(aliceId, 2200);
    const started = await call(system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: alice, body: { method: 'card', saveCard: true } });
    const events = await payHeld(started.body.redirectUrl);
    const completed = events.find((e) => (JSON.parse(e) as { type: string }).type === 'checkout.session.completed')!;

    system.stripe.faults.failNextWith500 = 3; // the look-up and both of stripe-node's retries
    expect(await deliver(completed)).toBe(500);
    expect((await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body.status).toBe('open');

    expect(await deliver(completed)).toBe(200);
    expect((await call(system, 'GET', `/v1/invoices/${invoice.id}`, { token: alice })).body).toMatchObject({ status: 'paid', amountPaid: 2200 });
  });

  it('a card payment for no invoice becomes account credit once, with one ledger entry, however often it is delivered', async () => {
    const customerRef = await stripeCustomerOf(alice, aliceId);
    const creditBefore = await creditOf(alice);
    const entriesBefore = (await ledgerOf(aliceId)).length;
    const topUp = await session(customerRef, 'usd', 2500, { customerId: aliceId });
    const events = await payHeld(topUp.url!);
    for (let i = 0; i < 3; i++) for (const event of events) expect(await deliver(event)).toBe(200);

    expect(await creditOf(alice)).toBe(creditBefore + 2500);
    const added = (await ledgerOf(aliceId)).slice(entriesBefore);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ kind: 'funds_added', amount: 2500, currency: 'USD' });
    expect(added[0]!['invoiceId']).toBeUndefined();
  });

  it.each([
    ['names another customer’s invoice', 'invoice'],
    ['claims to be another customer', 'customer'],
  ] as const)('refuses an event that %s, and changes nothing for either customer', async (_case, forged) => {
    const aliceRef = await stripeCustomerOf(alice, aliceId);
    const brunosInvoice = await issue(brunoId, 3300);
    const before = {
      invoice: (await call(system, 'GET', `/v1/invoices/${brunosInvoice.id}`, { token: bruno })).body,
      alice: await creditOf(alice), bruno: await creditOf(bruno),
      aliceLedger: (await ledgerOf(aliceId)).length, brunoLedger: (await ledgerOf(brunoId)).length,
    };
    // Alice's own Stripe customer pays, but the metadata points at Bruno.
    const metadata = forged === 'invoice' ? { invoiceId: brunosInvoice.id, customerId: aliceId } : { invoiceId: brunosInvoice.id, customerId: brunoId };
    const events = await payHeld((await session(aliceRef, 'eur', 3300, metadata)).url!);
    for (const event of events) expect(await deliver(event)).toBe(200);

    expect((await call(system, 'GET', `/v1/invoices/${brunosInvoice.id}`, { token: bruno })).body).toEqual(before.invoice);
    expect(await creditOf(alice)).toBe(before.alice);
    expect(await creditOf(bruno)).toBe(before.bruno);
    expect((await ledgerOf(aliceId)).length).toBe(before.aliceLedger);
    expect((await ledgerOf(brunoId)).length).toBe(before.brunoLedger);
    // Kept for staff: each payment event's record says it was refused, and why.
    const records = await Promise.all(events.map((e) => documentClient(system.dynamoDbEndpoint).send(new GetCommand({
      TableName: system.tableName, Key: { PK: `EVENT#stripe#${(JSON.parse(e) as { id: string }).id}`, SK: 'EVENT' },
    }))));
    const refused = records.map((r) => r.Item).filter((item) => item?.['outcome'] === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.every((item) => typeof item?.['reason'] === 'string' && item['reason'].length > 0)).toBe(true);
  });
});
