import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * Card payments end to end: the API, the real Stripe SDK and adapter, the local Stripe sandbox with its
 * hosted page and signed webhooks, and DynamoDB Local.
 */
describe('Paying invoices by card', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());
  beforeEach(() => system.stripe.resetFaults());

  async function newInvoice(unitAmount = 2500) {
    const { body } = await call(system, 'POST', '/v1/admin/invoices', {
      token: admin, body: { customerId: aliceId, dueDate: '2030-06-30', lines: [{ description: 'Managed VPS', quantity: 1, unitAmount }] },
    });
    return body as { id: string; number: number; total: number };
  }
  const pay = (invoiceId: string, body: Record<string, unknown>) =>
    call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method: 'card', ...body } });
  const invoice = async (id: string) => (await call(system, 'GET', `/v1/invoices/${id}`, { token: alice })).body;
  const cards = async () => (await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items as Array<{ id: string; last4: string; isDefault: boolean }>;
  const settle = () => system.stripe.webhooksIdle();

  /** Pays on the hosted page with 4242, asking to keep the card, and waits for the webhook. */
  async function payOnHostedPage(invoiceId: string, card = '4242 4242 4242 4242') {
    const started = await pay(invoiceId, { saveCard: true });
    expect(started.body.status).toBe('redirect');
    const step = await submitCard(started.body.redirectUrl, card);
    await settle();
    return step;
  }

  it('pays an invoice on the hosted card page: the webhook marks it paid and keeps the card (brand and last 4 only)', async () => {
    const inv = await newInvoice();
    const step = await payOnHostedPage(inv.id);
    expect(step.location).toContain(`/invoices/${inv.id}?payment=processing`);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountPaid: inv.total, amountDue: 0 });
    const saved = await cards();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ last4: '4242', isDefault: true });
    expect(JSON.stringify(saved)).not.toContain('4242424242424242');
    expect(system.stripe.captureCount(inv.id)).toBe(1);
  });

  it('R1: 50 concurrent clicks on Pay with a saved card capture exactly once; the others are told a payment is in progress', async () => {
    const [card] = await cards();
    const inv = await newInvoice(1999);
    const answers = await Promise.all(Array.from({ length: 50 }, () => pay(inv.id, { cardId: card!.id })));
    await settle();
    const statuses = answers.map((a) => a.status);
    console.log(`R1 captures for one invoice after 50 concurrent attempts: ${system.stripe.captureCount(inv.id)}`);
    expect(system.stripe.captureCount(inv.id)).toBe(1);
    expect(answers.filter((a) => a.body.status === 'paid').length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountPaid: 1999 });
  });

  it('tells the customer why a saved card was declined, and leaves the invoice unpaid', async () => {
    const inv = await newInvoice();
    const setup = await call(system, 'POST', '/v1/payment-methods', { token: alice });
    expect(setup.status).toBe(201);
    await submitCard(setup.body.redirectUrl, '4000 0000 0000 9995');
    await settle();
    const poor = (await cards()).find((c) => c.last4 === '9995')!;
    const answer = await pay(inv.id, { cardId: poor.id });
    expect(answer.body).toMatchObject({ status: 'declined', message: 'Your card was declined: insufficient funds.' });
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountPaid: 0 });
    expect(system.stripe.captureCount(inv.id)).toBe(0);
  });

  it('R9: Stripe charges but its answer is lost; the retry with the same key ends in one capture and a paid invoice', async () => {
    const [card] = await cards();
    const inv = await newInvoice(4200);
    system.stripe.faults.loseNextChargeResponseWith500 = 1;
    const answer = await pay(inv.id, { cardId: card!.id });
    await settle();
    expect(answer.body.status).toBe('paid');
    expect(system.stripe.captureCount(inv.id)).toBe(1);
    expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountPaid: 4200 });
  });

  it('R9: Stripe is unreachable for the charge; the customer reads it was temporary, nothing is charged, and the invoice stays payable', async () => {
    const [card] = await cards();
    const inv = await newInvoice(1500);
    system.stripe.faults.failNextWith500 = 10;
    const answer = await pay(inv.id, { cardId: card!.id });
    expect(answer.status).toBe(502);
    expect(answer.body.error.message).toContain('temporary problem');
    expect(system.stripe.captureCount(inv.id)).toBe(0);
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountPaid: 0 });
  });

  it('R3: a payment webhook delivered again and again, and out of order, records the payment once', async () => {
    system.stripe.faults.duplicateWebhooks = true;
    system.stripe.faults.reorderWebhooks = true;
    const inv = await newInvoice(3100);
    await payOnHostedPage(inv.id);
    const after = await invoice(inv.id);
    expect(after).toMatchObject({ status: 'paid', amountPaid: 3100 });
    const me = await call(system, 'GET', '/v1/me', { token: alice });
    expect(me.body.creditBalance).toBe(0);
  });

  it('R9: deleting a card while Stripe is down keeps the card and says to try again; once Stripe is back it goes', async () => {
    const setup = await call(system, 'POST', '/v1/payment-methods', { token: alice });
    await submitCard(setup.body.redirectUrl, '4242 4242 4242 4242');
    await settle();
    const before = await cards();
    const victim = before[before.length - 1]!;
    system.stripe.faults.failNextWith500 = 10;
    const refused = await call(system, 'DELETE', `/v1/payment-methods/${victim.id}`, { token: alice });
    expect(refused.status).toBe(502);
    expect(refused.body.error.message).toBe('Your card could not be removed right now. It is still saved; please try again in a few minutes.');
    expect((await cards()).map((c) => c.id)).toContain(victim.id);
    system.stripe.resetFaults();
    expect((await call(system, 'DELETE', `/v1/payment-methods/${victim.id}`, { token: alice })).status).toBe(204);
    expect((await cards()).map((c) => c.id)).not.toContain(victim.id);
  });

  it('makes another card the default, turns automatic billing off without deleting cards, and refuses a card that is not hers', async () => {
    const list = await cards();
    const other = list.find((c) => !c.isDefault)!;
    const chosen = await call(system, 'PATCH', '/v1/me', { token: alice, body: { defaultCardId: other.id } });
    expect(chosen.body.defaultCardId).toBe(other.id);
    const off = await call(system, 'PATCH', '/v1/me', { token: alice, body: { autopay: false } });
    expect(off.body.autopay).toBe(false);
    expect(await cards()).toHaveLength(list.length);
    expect((await call(system, 'PATCH', '/v1/me', { token: alice, body: { defaultCardId: 'pm_not_hers' } })).status).toBe(404);
    expect((await call(system, 'PATCH', '/v1/me', { token: alice, body: { creditBalance: 99999 } })).body.error.field).toBe('creditBalance');
  });

  it('R6: a forged webhook is refused with 400 and changes nothing', async () => {
    const response = await fetch(`${system.url}/webhooks/stripe`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef' },
      body: JSON.stringify({ id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: {} } }),
    });
    expect(response.status).toBe(400);
  });
});
