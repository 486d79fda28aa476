import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalSystem } from '../../../local/system.js';
import { call, startSignedIn } from '../api/client.js';
import { submitCard } from '../stripe/hosted-checkout-driver.js';

/**
 * Only amounts a card processor can charge are charged (issue: 0.30 USD, 0.00 USD and 1,200,000.00 USD
 * were issued with 201 and then answered 500 when paid, and a failed saved-card charge then blocked
 * every retry with 409 for two minutes).
 */
describe('Invoice amounts and what a card can be charged', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';
  let cardId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
    // A saved card, from paying an ordinary invoice on the hosted page.
    const first = await issue(2500);
    const started = await pay(first.body.id, { saveCard: true });
    await submitCard(started.body.redirectUrl, '4242 4242 4242 4242');
    await system.stripe.webhooksIdle();
    cardId = (await call(system, 'GET', '/v1/payment-methods', { token: alice })).body.items[0].id;
  }, 120_000);
  afterAll(() => system?.stop());

  const issue = (unitAmount: number) => call(system, 'POST', '/v1/admin/invoices', {
    token: admin, body: { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'Domain', quantity: 1, unitAmount }] },
  });
  const pay = (invoiceId: string, body: Record<string, unknown>) =>
    call(system, 'POST', `/v1/invoices/${invoiceId}/payments`, { token: alice, body: { method: 'card', ...body } });

  it.each([
    ['0.30 USD', 30, 'Card payments in USD must be at least 0.50 USD.'],
    ['1,200,000.00 USD', 120_000_000, 'Card payments in USD are limited to 999999.99 USD; pay this amount another way, or ask us to split the invoice.'],
  ])('issues %s with a warning for staff; paying it by card is a 422 that says why, however often it is tried', async (_amount, unitAmount, message) => {
    const issued = await issue(unitAmount);
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ status: 'open', amountDue: unitAmount, warnings: [{ code: 'card_cannot_pay', message }] });
    const capturesBefore = system.stripe.captures().length;

    for (const body of [{}, { cardId }, { cardId }, {}]) {
      const answer = await pay(issued.body.id, body);
      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({ code: 'business_rule', message });
    }
    expect(system.stripe.captures().length).toBe(capturesBefore);
    expect((await call(system, 'GET', `/v1/invoices/${issued.body.id}`, { token: alice })).body).toMatchObject({ status: 'open', amountPaid: 0 });
  });

  it('issues a zero-total invoice as paid; "paying" it answers that it is paid and charges nothing', async () => {
    const issued = await issue(0);
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ status: 'paid', total: 0, amountDue: 0, warnings: [] });
    const capturesBefore = system.stripe.captures().length;
    const answer = await pay(issued.body.id, { cardId });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('already_paid');
    expect(system.stripe.captures().length).toBe(capturesBefore);
  });
});
