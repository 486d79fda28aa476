import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';
import { answer3DSecure, submitCard } from './hosted-checkout-driver.js';
import { startSandboxTarget, translateDelivery, uniqueId, type SandboxTarget } from './stripe-target.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

describe('Stripe webhooks from the sandbox, verified and translated by the adapter', () => {
  let t: SandboxTarget;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    t = await startSandboxTarget();
  });
  afterAll(() => t.stop());
  afterEach(async () => {
    await t.sandbox.webhooksIdle();
    t.sandbox.resetFaults();
    t.sandbox.setWebhookUrl(undefined);
    await receiver?.stop();
  });

  async function listen(): Promise<WebhookReceiver> {
    receiver = await startWebhookReceiver(t.webhooks);
    t.sandbox.setWebhookUrl(receiver.url);
    return receiver;
  }

  async function customer() {
    const billingCustomerId = uniqueId('cust');
    return { billingCustomerId, customerRef: await t.cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' }) };
  }

  async function payByCheckout(cardNumber = '4242 4242 4242 4242') {
    const { billingCustomerId, customerRef } = await customer();
    const invoiceId = uniqueId('inv');
    const checkout = await t.cards.startCheckout({
      customerRef, billingCustomerId, purpose: { invoiceId }, description: 'Invoice INV-7', amount: money(1234, 'EUR'), saveMethod: true,
      successUrl: 'http://app.test/ok', cancelUrl: 'http://app.test/no', expiresAt: new Date(Date.now() + 3_600_000),
    });
    await submitCard(checkout.redirectUrl, cardNumber);
    return { billingCustomerId, customerRef, invoiceId, checkout };
  }

  it('reports a checkout payment as payment.succeeded with the saved card, from both events that announce it', async () => {
    const r = await listen();
    const { billingCustomerId, customerRef, invoiceId } = await payByCheckout();
    await r.waitFor(2);
    const expected = {
      type: 'payment.succeeded', invoiceId, billingCustomerId, customerRef, amount: { amountMinor: 1234, currency: 'EUR' },
      savedCard: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034, id: expect.stringMatching(/^pm_/) },
    };
    expect(r.accepted).toEqual([expect.objectContaining(expected), expect.objectContaining(expected)]);
    const [a, b] = r.accepted;
    expect(a?.type === 'payment.succeeded' && b?.type === 'payment.succeeded' && a.paymentId === b.paymentId).toBe(true);
    expect(a?.eventId).not.toBe(b?.eventId);
  });

  it('reports a card saved in setup mode as card.saved with its public details only', async () => {
    const r = await listen();
    const { billingCustomerId, customerRef } = await customer();
    const setup = await t.cards.startSetup({ customerRef, billingCustomerId, currency: money(0, 'USD').currency, successUrl: 'http://app.test/ok', cancelUrl: 'http://app.test/no' });
    const challenge = await submitCard(setup.redirectUrl, '4000 0025 0000 3155', '03 / 29');
    await answer3DSecure(challenge.location ?? '', 'approve');
    await r.waitFor(2);
    for (const event of r.accepted) {
      expect(event).toMatchObject({ type: 'card.saved', customerRef, billingCustomerId, card: { brand: 'visa', last4: '3155', expMonth: 3, expYear: 2029 } });
    }
    expect(JSON.stringify(t.sandbox.events())).not.toContain('4000002500003155');
  });

  it('reports off-session declines with the reason, and authentication_required as needing the customer', async () => {
    const r = await listen();
    const { billingCustomerId, customerRef } = await customer();
    const poor = await t.stripe.paymentMethods.attach('pm_card_chargeDeclinedInsufficientFunds', { customer: customerRef });
    const strict = await t.stripe.paymentMethods.attach('pm_card_authenticationRequired', { customer: customerRef });
    const invoiceId = uniqueId('inv');
    const base = { customerRef, billingCustomerId, invoiceId, amount: money(5000, 'USD') };
    await t.cards.charge({ ...base, methodId: poor.id, idempotencyKey: `charge-${invoiceId}-1` });
    await t.cards.charge({ ...base, methodId: strict.id, idempotencyKey: `charge-${invoiceId}-2` });
    await r.waitFor(2);
    expect(r.accepted).toEqual([
      expect.objectContaining({ type: 'payment.failed', invoiceId, reason: 'insufficient_funds', message: 'Your card was declined: insufficient funds.', requiresAction: false }),
      expect.objectContaining({ type: 'payment.failed', invoiceId, reason: 'authentication_required', requiresAction: true }),
    ]);
  });

  it('reports a detached card and each refund, with its id and amount (refund.created) beside the running total (charge.refunded)', async () => {
    const r = await listen();
    const { billingCustomerId, customerRef } = await customer();
    const card = await t.stripe.paymentMethods.attach('pm_card_visa', { customer: customerRef });
    const invoiceId = uniqueId('inv');
    const paid = await t.cards.charge({ customerRef, billingCustomerId, methodId: card.id, invoiceId, amount: money(5000, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
    await t.cards.detach(card.id);
    await r.waitFor(2);
    const paymentId = paid.kind === 'succeeded' ? paid.paymentId : '';
    const first = t.sandbox.refund(paymentId, 2000);
    const second = t.sandbox.refund(paymentId, 3000);
    await r.waitFor(6);
    expect(r.accepted.slice(0, 2).map((e) => e?.type)).toEqual(['payment.succeeded', 'card.detached']);
    expect(r.accepted[1]).toMatchObject({ cardId: card.id, customerRef });
    const refunds = r.accepted.slice(2);
    expect(refunds.every((e) => e?.type === 'payment.refunded' && e.paymentId === paymentId)).toBe(true);
    const totals = refunds.filter((e) => e?.type === 'payment.refunded' && e.totalRefunded);
    expect(totals).toEqual([
      expect.objectContaining({ invoiceId, totalRefunded: { amountMinor: 2000, currency: 'USD' } }),
      expect.objectContaining({ invoiceId, totalRefunded: { amountMinor: 5000, currency: 'USD' } }),
    ]);
    const named = refunds.filter((e) => e?.type === 'payment.refunded' && e.refund);
    expect(named).toEqual([
      expect.objectContaining({ refund: { refundId: first.id, amount: { amountMinor: 2000, currency: 'USD' } } }),
      expect.objectContaining({ refund: { refundId: second.id, amount: { amountMinor: 3000, currency: 'USD' } } }),
    ]);
  });

  it('retries a delivery that got a non-2xx answer until it is accepted', async () => {
    const r = await listen();
    r.failNext = 2;
    const earlier = t.sandbox.deliveries().length;
    await payByCheckout();
    await t.sandbox.webhooksIdle();
    expect(r.accepted).toHaveLength(2);
    const outcomes = t.sandbox.deliveries().slice(earlier).map((d) => d.outcome);
    expect(outcomes.filter((o) => o === 500)).toHaveLength(2);
    expect(outcomes.filter((o) => o === 200)).toHaveLength(2);
  });

  it('can deliver every event twice, lose first deliveries, and reverse the order', async () => {
    const r = await listen();
    t.sandbox.faults.duplicateWebhooks = true;
    t.sandbox.faults.dropFirstWebhookDelivery = true;
    const earlier = t.sandbox.deliveries().length;
    await payByCheckout();
    await t.sandbox.webhooksIdle();
    const ids = r.accepted.map((e) => e?.eventId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(2);
    expect(t.sandbox.deliveries().slice(earlier).filter((d) => d.outcome === 'dropped')).toHaveLength(4);

    const before = t.sandbox.events().length;
    t.sandbox.resetFaults();
    t.sandbox.faults.holdWebhooks = true;
    await payByCheckout();
    const held = t.sandbox.events().slice(before).map((e) => e.id);
    t.sandbox.releaseWebhooks('reverse');
    await t.sandbox.webhooksIdle();
    expect(r.accepted.slice(4).map((e) => e?.eventId)).toEqual(held.reverse());
  });

  describe('signature checks (R6)', () => {
    const secret = () => t.webhookSecret;
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    function signed(payload: string, options: { secret?: string; timestamp?: number } = {}) {
      return Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? secret(), timestamp: options.timestamp ?? nowSeconds() });
    }
    async function realEventPayload(): Promise<string> {
      const { billingCustomerId, customerRef } = await customer();
      const card = await t.stripe.paymentMethods.attach('pm_card_visa', { customer: customerRef });
      const invoiceId = uniqueId('inv');
      await t.cards.charge({ customerRef, billingCustomerId, methodId: card.id, invoiceId, amount: money(700, 'USD'), idempotencyKey: `charge-${invoiceId}-1` });
      const event = t.sandbox.events().find((e) => e.type === 'payment_intent.succeeded' && (e.data.object as { metadata?: Record<string, string> }).metadata?.['invoiceId'] === invoiceId);
      return JSON.stringify(event, null, 2);
    }

    it('accepts a correctly signed, fresh event', async () => {
      const payload = await realEventPayload();
      await expect(translateDelivery(t.webhooks, payload, signed(payload))).resolves.toMatchObject({ type: 'payment.succeeded' });
      await expect(translateDelivery(t.webhooks, payload, signed(payload, { timestamp: nowSeconds() - 299 }))).resolves.not.toBeNull();
    });

    it.each([
      ['signed with another secret', (p: string) => ({ body: p, header: signed(p, { secret: 'whsec_not_ours' }) })],
      ['changed by one byte after signing', (p: string) => ({ body: p.replace('"amount": 700', '"amount": 900'), header: signed(p) })],
      ['sent without a Stripe-Signature header', (p: string) => ({ body: p, header: undefined })],
      ['signed 301 s ago', (p: string) => ({ body: p, header: signed(p, { timestamp: nowSeconds() - 301 }) })],
      ['signed with a timestamp in the future', (p: string) => ({ body: p, header: signed(p, { timestamp: nowSeconds() + 120 }) })],
      ['signed with a timestamp far in the future', (p: string) => ({ body: p, header: signed(p, { timestamp: nowSeconds() + 301 }) })],
      ['carrying a malformed header', (p: string) => ({ body: p, header: 'garbage' })],
    ])('rejects an event %s', async (_case, forge) => {
      const payload = await realEventPayload();
      const { body, header } = forge(payload);
      expect(body === payload || body.length === payload.length).toBe(true);
      await expect(translateDelivery(t.webhooks, body, header)).rejects.toBeInstanceOf(WebhookSignatureError);
    });

    it('answers 400 to forged deliveries over HTTP and accepts none of them', async () => {
      const r = await listen();
      const payload = await realEventPayload();
      await t.sandbox.webhooksIdle();
      const acceptedBefore = r.accepted.length;
      const forged = [signed(payload, { secret: 'whsec_x' }), signed(payload, { timestamp: nowSeconds() - 301 }), signed(payload, { timestamp: nowSeconds() + 301 }), undefined];
      for (const header of forged) {
        const response = await fetch(r.url, { method: 'POST', body: payload, headers: header ? { 'Stripe-Signature': header } : {} });
        expect(response.status).toBe(400);
      }
      expect(r.accepted).toHaveLength(acceptedBefore);
    });

    it('ignores a verified event type that is not on the allow-list', async () => {
      const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'customer.created', created: nowSeconds(), api_version: Stripe.API_VERSION, livemode: false, data: { object: { id: 'cus_1', object: 'customer' } } });
      await expect(translateDelivery(t.webhooks, payload, signed(payload))).resolves.toBeNull();
    });
  });
});
