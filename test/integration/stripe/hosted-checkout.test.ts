import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { answer3DSecure, openPage, submitCard } from './hosted-checkout-driver.js';
import { startSandboxTarget, uniqueId, type SandboxTarget } from './stripe-target.js';

/** The customer's side: the sandbox's hosted Checkout page, driven with plain form posts. */
describe('hosted checkout in the Stripe sandbox', () => {
  let t: SandboxTarget;
  beforeAll(async () => {
    t = await startSandboxTarget();
  });
  afterAll(() => t.stop());

  async function checkoutFor(amountMinor: number, saveCard = true) {
    const billingCustomerId = uniqueId('cust');
    const customerRef = await t.cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' });
    const invoiceId = uniqueId('inv');
    const checkout = await t.cards.startCheckout({
      customerRef, billingCustomerId, purpose: { invoiceId }, description: 'Invoice INV-0042', amount: money(amountMinor, 'USD'), saveMethod: saveCard,
      successUrl: 'http://app.test/invoices/1/paid?session={CHECKOUT_SESSION_ID}', cancelUrl: 'http://app.test/invoices/1', expiresAt: new Date(Date.now() + 3_600_000),
    });
    return { billingCustomerId, customerRef, invoiceId, checkout };
  }

  async function cardSetupFor() {
    const billingCustomerId = uniqueId('cust');
    const customerRef = await t.cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' });
    const setup = await t.cards.startSetup({ customerRef, billingCustomerId, currency: money(0, 'USD').currency, successUrl: 'http://app.test/cards?saved=1', cancelUrl: 'http://app.test/cards' });
    return { billingCustomerId, customerRef, setup };
  }

  it('shows the amount, the card form and the sandbox notice on the checkout page', async () => {
    const { checkout } = await checkoutFor(2500);
    const page = await openPage(checkout.redirectUrl);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Stripe sandbox: no money moves');
    expect(page.html).toContain('$25.00');
    expect(page.html).toContain('name="cardNumber"');
    expect(page.html).not.toContain('<script');
  });

  it('pays an invoice with 4242…, returns to success_url with the session id, and saves the card', async () => {
    const { invoiceId, customerRef, checkout } = await checkoutFor(2500);
    const step = await submitCard(checkout.redirectUrl, '4242 4242 4242 4242');
    expect(step.status).toBe(303);
    expect(step.location).toBe(`http://app.test/invoices/1/paid?session=${checkout.checkoutId}`);
    const session = await t.stripe.checkout.sessions.retrieve(checkout.checkoutId);
    expect(session).toMatchObject({ status: 'complete', payment_status: 'paid', amount_total: 2500 });
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
    const saved = await t.stripe.customers.listPaymentMethods(customerRef);
    expect(saved.data.map((c) => c.card?.last4)).toEqual(['4242']);
  });

  it('does not keep the card when the customer opts out', async () => {
    const { invoiceId, customerRef, checkout } = await checkoutFor(2500, false);
    await submitCard(checkout.redirectUrl, '4242424242424242');
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
    const saved = await t.stripe.customers.listPaymentMethods(customerRef);
    expect(saved.data).toEqual([]);
  });

  it('keeps the customer on the page with the reason when the card is declined, and charges nothing', async () => {
    const { invoiceId, checkout } = await checkoutFor(2500);
    const generic = await submitCard(checkout.redirectUrl, '4000 0000 0000 0002');
    expect(generic.status).toBe(402);
    expect(generic.html).toContain('Your card was declined.');
    const funds = await submitCard(checkout.redirectUrl, '4000 0000 0000 9995');
    expect(funds.html).toContain('Your card has insufficient funds.');
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
    const session = await t.stripe.checkout.sessions.retrieve(checkout.checkoutId);
    expect(session.status).toBe('open');
    // The same session can still be paid with another card.
    const retry = await submitCard(checkout.redirectUrl, '4242 4242 4242 4242');
    expect(retry.status).toBe(303);
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
  });

  it('asks for 3-D Secure with 4000 0027 6000 3184 and pays once approved', async () => {
    const { invoiceId, checkout } = await checkoutFor(2500);
    const challenge = await submitCard(checkout.redirectUrl, '4000 0027 6000 3184');
    expect(challenge.status).toBe(303);
    const page = await openPage(challenge.location ?? '');
    expect(page.html).toContain('3-D Secure');
    expect(page.html).toContain('Stripe sandbox: no money moves');
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
    const done = await answer3DSecure(challenge.location ?? '', 'approve');
    expect(done.location).toContain('http://app.test/invoices/1/paid');
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
  });

  it('does not pay when 3-D Secure fails, and says so', async () => {
    const { invoiceId, checkout } = await checkoutFor(2500);
    const challenge = await submitCard(checkout.redirectUrl, '4000 0027 6000 3184');
    const failed = await answer3DSecure(challenge.location ?? '', 'fail');
    expect(failed.status).toBe(402);
    expect(failed.html).toContain('unable to authenticate');
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
  });

  it('refuses numbers that are not test cards and a past expiry, without charging', async () => {
    const { invoiceId, checkout } = await checkoutFor(2500);
    expect((await submitCard(checkout.redirectUrl, '4111 1111 1111 1112')).status).toBe(400);
    expect((await submitCard(checkout.redirectUrl, '4242 4242 4242 4242', '01 / 20')).status).toBe(400);
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
  });

  it('saves a card in setup mode without charging, exposing only brand, last 4 and expiry', async () => {
    const { customerRef, setup } = await cardSetupFor();
    const before = t.sandbox.captures().length;
    const step = await submitCard(setup.redirectUrl, '5555 5555 5555 4444', '07 / 31');
    expect(step.location).toBe('http://app.test/cards?saved=1');
    expect(t.sandbox.captures().length).toBe(before);
    const saved = await t.stripe.customers.listPaymentMethods(customerRef);
    expect(saved.data).toHaveLength(1);
    const card = await t.cards.card(saved.data[0]?.id ?? '');
    expect(card).toEqual({ id: saved.data[0]?.id, brand: 'mastercard', last4: '4444', expMonth: 7, expYear: 2031 });
    expect(JSON.stringify(await t.stripe.paymentMethods.retrieve(card.id))).not.toContain('5555555555554444');
  });

  it('refuses to save a card that the bank declines', async () => {
    const { customerRef, setup } = await cardSetupFor();
    const step = await submitCard(setup.redirectUrl, '4000 0000 0000 0002');
    expect(step.status).toBe(402);
    const saved = await t.stripe.customers.listPaymentMethods(customerRef);
    expect(saved.data).toEqual([]);
  });

  it('charges 4000 0025 0000 3155 off-session once it was set up with 3-D Secure', async () => {
    const { billingCustomerId, customerRef, setup } = await cardSetupFor();
    const challenge = await submitCard(setup.redirectUrl, '4000 0025 0000 3155');
    await answer3DSecure(challenge.location ?? '', 'approve');
    const [card] = (await t.stripe.customers.listPaymentMethods(customerRef)).data;
    const invoiceId = uniqueId('inv');
    const outcome = await t.cards.charge({ customerRef, billingCustomerId, methodId: card?.id ?? '', invoiceId, amount: money(900, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    expect(outcome.kind).toBe('succeeded');
    expect(t.sandbox.captureCount(invoiceId)).toBe(1);
  });

  it('declines an off-session charge on a saved 4000 0000 0000 9995 with insufficient_funds', async () => {
    const { billingCustomerId, customerRef, setup } = await cardSetupFor();
    await submitCard(setup.redirectUrl, '4000 0000 0000 9995');
    const [card] = (await t.stripe.customers.listPaymentMethods(customerRef)).data;
    const invoiceId = uniqueId('inv');
    const outcome = await t.cards.charge({ customerRef, billingCustomerId, methodId: card?.id ?? '', invoiceId, amount: money(900, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    expect(outcome).toEqual({ kind: 'declined', reason: 'insufficient_funds', message: 'Your card was declined: insufficient funds.', paymentId: expect.stringMatching(/^pi_/) });
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
  });

  it('fails off-session charges on 4000 0027 6000 3184 with authentication_required, even after set up', async () => {
    const { billingCustomerId, customerRef, setup } = await cardSetupFor();
    const challenge = await submitCard(setup.redirectUrl, '4000 0027 6000 3184');
    await answer3DSecure(challenge.location ?? '', 'approve');
    const [card] = (await t.stripe.customers.listPaymentMethods(customerRef)).data;
    const invoiceId = uniqueId('inv');
    const outcome = await t.cards.charge({ customerRef, billingCustomerId, methodId: card?.id ?? '', invoiceId, amount: money(900, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    expect(outcome.kind).toBe('requires_action');
    expect(t.sandbox.captureCount(invoiceId)).toBe(0);
  });
});
