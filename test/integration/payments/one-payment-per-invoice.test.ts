import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { signedStripeWebhook } from '../../fixtures/stripe/events.js';
import { documentClient } from '../../support/dynamodb.js';
import { call, startSignedIn } from '../api/client.js';
import { openPage, submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * R1 and R13: an invoice is paid at most once, whatever the customer does: two tabs, a card page left
 * open while staff void the invoice or while a saved card is charged. Money that still arrives for an
 * invoice already paid or void (a race at the processor) is refunded in full, or kept as credit for
 * staff to see when the refund fails; it is never lost.
 */
describe('One card payment per invoice', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';
  let stripe: Stripe;

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
    stripe = new Stripe('sk_test_local_sandbox', { host: system.stripe.host, port: system.stripe.port, protocol: 'http' });
  }, 120_000);
  afterAll(() => system?.stop());
  beforeEach(() => system.stripe.resetFaults());

  const issue = async (amount: number) => (await call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Dedicated server', quantity: 1, unitAmount: amount }] },
  })).body as { id: string; number: number };
  const pay = (invoiceId: string, body: Record<string, unknown> = {}) =>
    call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method: 'card', saveCard: false, ...body } });
  const invoice = async (id: string) => (await call(system, 'GET', `/v1/invoices/${id}`, { token: alice })).body;
  const staffInvoice = async (id: string) => (await call(system, 'GET', `/v1/admin/invoices/${id}`, { token: admin })).body;
  const credit = async () => (await call(system, 'GET', '/v1/me', { token: alice })).body.creditBalance as number;
  const deliver = async (rawEvent: string) => {
    const { body, headers } = signedStripeWebhook(rawEvent, system.stripeWebhookSecret);
    return (await fetch(`${system.url}/webhooks/stripe`, { method: 'POST', headers, body })).status;
  };
  const ledger = async () => (await documentClient(system.dynamoDbEndpoint).send(new QueryCommand({
    TableName: system.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ledger)',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${aliceId}`, ':ledger': 'LEDGER#' }, ConsistentRead: true,
  }))).Items ?? [];
  /** What the staff Refunds report lists of refunds of money not owed, by card, from a day before to a day after now. */
  const notOwedInReport = async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const report = await call(system, 'GET', `/v1/admin/reports/refunds?from=${day(-1)}&to=${day(1)}&by=month`, { token: admin });
    expect(report.status).toBe(200);
    const rows = (report.body.rows as Record<string, string | number>[])
      .filter((r) => r['method'] === 'card' && r['reason'] === 'Not owed (invoice already paid or void)');
    const sum = (key: string) => rows.reduce((total, r) => total + Number(r[key]), 0);
    return { refunds: sum('refunds'), amount: sum('amount'), toCard: sum('original'), pending: sum('pending') };
  };
  const less = (after: Record<string, number>, before: Record<string, number>) =>
    Object.fromEntries(Object.entries(after).map(([key, value]) => [key, value - (before[key] ?? 0)]));
  const refunds = (paymentIntent: string) => system.stripe.events()
    .filter((e) => e.type === 'charge.refunded' && (e.data.object as { payment_intent?: string }).payment_intent === paymentIntent);

  it('gives two tabs the same card page; once it is paid, the invoice is paid once and the page takes nothing more', async () => {
    const { id } = await issue(3100);
    const [first, second] = await Promise.all([pay(id), pay(id)]);
    const third = await pay(id);
    expect([first.body.status, second.body.status, third.body.status]).toEqual(['redirect', 'redirect', 'redirect']);
    expect(new Set([first.body.redirectUrl, second.body.redirectUrl, third.body.redirectUrl]).size).toBe(1);

    await submitCard(first.body.redirectUrl, '4242 4242 4242 4242');
    const again = await submitCard(first.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    expect(again.status).toBe(410);
    expect(system.stripe.captureCount(id)).toBe(1);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 3100 });
  });

  it('R1 over many tries: 20 concurrent clicks get one page, which pays once', async () => {
    const { id } = await issue(1450);
    const answers = await Promise.all(Array.from({ length: 20 }, () => pay(id)));
    const pages = new Set(answers.filter((a) => a.body.status === 'redirect').map((a) => a.body.redirectUrl));
    console.log(`R1 card pages: 20 concurrent clicks → ${pages.size} page(s), answers ${[...new Set(answers.map((a) => a.status))].join('/')}`);
    expect(pages.size).toBe(1);
    expect(answers.every((a) => a.status === 200 || a.status === 409)).toBe(true);
    await submitCard([...pages][0]!, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    expect(system.stripe.captureCount(id)).toBe(1);
  });

  it('closes a card page when staff void the invoice: the page then refuses the card and nothing is charged', async () => {
    const { id } = await issue(2600);
    const started = await pay(id);
    expect((await call(system, 'POST', `/v1/admin/invoices/${id}/void`, { token: admin })).status).toBe(200);
    const attempt = await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    expect(attempt.status).toBe(410);
    expect(system.stripe.captureCount(id)).toBe(0);
    expect(await invoice(id)).toMatchObject({ status: 'void', amountPaid: 0 });
  });

  it('closes a card page before charging a saved card: one capture, and the page refuses the card', async () => {
    // A saved card, from paying another invoice.
    const first = await issue(1000);
    await submitCard((await pay(first.id, { saveCard: true })).body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    const cardId = (await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items[0].id as string;

    const { id } = await issue(2200);
    const page = await pay(id);
    const charged = await pay(id, { cardId });
    expect(charged.body.status).toBe('paid');
    expect((await openPage(page.body.redirectUrl)).status).toBe(410);
    expect((await submitCard(page.body.redirectUrl, '4242 4242 4242 4242')).status).toBe(410);
    await system.stripe.webhooksIdle();
    expect(system.stripe.captureCount(id)).toBe(1);
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 2200 });
  });

  /**
   * The race at the processor: a page for the invoice that we could not close (its expiry was lost)
   * takes money after the invoice was paid. Made here straight at the sandbox, as that lost page.
   */
  async function strayPagePaysAPaidInvoice(amount: number) {
    const { id } = await issue(amount);
    const customerRef = (await documentClient(system.dynamoDbEndpoint).send(new GetCommand({
      TableName: system.tableName, Key: { PK: `CUSTOMER#${aliceId}`, SK: 'PROVIDER#card' },
    }))).Item!['ref'] as string;
    const metadata = { invoiceId: id, customerId: aliceId };
    const stray = await stripe.checkout.sessions.create({
      mode: 'payment', customer: customerRef, metadata, payment_intent_data: { metadata },
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: amount, product_data: { name: 'Invoice' } } }],
      success_url: 'http://app.test/ok', cancel_url: 'http://app.test/no',
    });
    await submitCard((await pay(id)).body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    expect((await invoice(id)).status).toBe('paid');

    const creditBefore = await credit();
    const entriesBefore = (await ledger()).length;
    const before = system.stripe.events().length;
    system.stripe.faults.holdWebhooks = true;
    await submitCard(stray.url!, '4242 4242 4242 4242');
    system.stripe.faults.holdWebhooks = false;
    const events = system.stripe.events().slice(before).map((e) => JSON.stringify(e));
    const paymentIntent = (JSON.parse(events.find((e) => e.includes('"payment_intent.succeeded"'))!) as { data: { object: { id: string } } }).data.object.id;
    return { id, events, paymentIntent, creditBefore, entriesBefore };
  }

  it('refunds money that arrives for an invoice already paid, in full and once, however often its events are delivered', async () => {
    const { id, events, paymentIntent, creditBefore, entriesBefore } = await strayPagePaysAPaidInvoice(1900);
    const reportBefore = await notOwedInReport();
    for (let i = 0; i < 3; i++) for (const event of events) expect(await deliver(event)).toBe(200);
    // Staff's Refunds report lists it once, with its reason.
    expect(less(await notOwedInReport(), reportBefore)).toEqual({ refunds: 1, amount: 1900, toCard: 1900, pending: 0 });

    expect(refunds(paymentIntent)).toHaveLength(1);
    expect(system.stripe.captureCount(id)).toBe(2);
    expect(await credit()).toBe(creditBefore);
    const added = (await ledger()).slice(entriesBefore).map((e) => ({ kind: e['kind'], amount: e['amount'] }));
    expect(added).toEqual(expect.arrayContaining([{ kind: 'overpayment', amount: 1900 }, { kind: 'refunded_to_card', amount: -1900 }]));
    expect(added).toHaveLength(2);
    const history = (await staffInvoice(id)).payments as Array<{ amount: number; refund?: { status: string } }>;
    expect(history).toHaveLength(2);
    expect(history.filter((p) => p.refund?.status === 'refunded')).toHaveLength(1);
    expect((await invoice(id))).toMatchObject({ status: 'paid', amountPaid: 1900 });
  });

  it('retries a refund the processor could not take just now, on the next delivery, and refunds once', async () => {
    const { events, paymentIntent, creditBefore } = await strayPagePaysAPaidInvoice(1700);
    const reportBefore = await notOwedInReport();
    system.stripe.faults.failNextRefunds = 3; // the call and both of stripe-node's retries
    const [first, ...rest] = events;
    expect(await deliver(first!)).toBe(500);
    expect(refunds(paymentIntent)).toHaveLength(0);
    expect(await credit()).toBe(creditBefore); // set aside for the refund meanwhile, not spendable
    expect(less(await notOwedInReport(), reportBefore)).toEqual({ refunds: 1, amount: 1700, toCard: 1700, pending: 1 });

    expect(await deliver(first!)).toBe(200);
    for (const event of rest) expect(await deliver(event)).toBe(200);
    expect(refunds(paymentIntent)).toHaveLength(1);
    expect(await credit()).toBe(creditBefore);
    expect(less(await notOwedInReport(), reportBefore)).toEqual({ refunds: 1, amount: 1700, toCard: 1700, pending: 0 });
  });

  it('keeps the money as account credit, and tells staff why, when the processor refuses the refund', async () => {
    const { id, events, paymentIntent, creditBefore } = await strayPagePaysAPaidInvoice(1300);
    const reportBefore = await notOwedInReport();
    system.stripe.faults.refuseNextRefunds = 1;
    for (let i = 0; i < 2; i++) for (const event of events) expect(await deliver(event)).toBe(200);
    // No money went back: the Refunds report does not list it (the credit report shows it kept).
    expect(less(await notOwedInReport(), reportBefore)).toEqual({ refunds: 0, amount: 0, toCard: 0, pending: 0 });

    expect(refunds(paymentIntent)).toHaveLength(0);
    expect(await credit()).toBe(creditBefore + 1300);
    const history = (await staffInvoice(id)).payments as Array<{ refund?: { status: string; failure?: string } }>;
    const failed = history.find((p) => p.refund?.status === 'failed');
    expect(failed?.refund?.failure).toMatch(/refused/);
    const customerSees = (await invoice(id)).payments as Array<{ refund?: { status: string; failure?: string } }>;
    expect(customerSees.find((p) => p.refund?.status === 'failed')?.refund?.failure).toBeUndefined();
  });
});
