import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StripeCardPayments } from '../../../functions/adapters/stripe/stripe-card-payments.js';
import { StripeClients } from '../../../functions/adapters/stripe/stripe-client.js';
import { money } from '../../../functions/domain/money.js';
import { PaymentProviderUnavailableError } from '../../../functions/ports/payments/provider-errors.js';
import { SANDBOX_KEY, startSandboxTarget, uniqueId, type SandboxTarget } from './stripe-target.js';

/** R1 and R9 at the Stripe boundary: faults at the provider never lead to a second capture or a lost card. */
describe('StripePaymentGateway when Stripe misbehaves (sandbox faults)', () => {
  let t: SandboxTarget;
  beforeAll(async () => {
    t = await startSandboxTarget();
  });
  afterAll(() => t.stop());
  beforeEach(() => t.sandbox.resetFaults());

  async function savedVisa() {
    const billingCustomerId = uniqueId('cust');
    const customerRef = await t.cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' });
    const card = await t.stripe.paymentMethods.attach('pm_card_visa', { customer: customerRef });
    const invoiceId = uniqueId('inv');
    return { customerRef, billingCustomerId, methodId: card.id, invoiceId, amount: money(3000, 'USD'), idempotencyKey: `charge-${invoiceId}-1` };
  }

  it.each([
    ['answered with 500', 'loseNextChargeResponseWith500'],
    ['cut off without an answer', 'loseNextChargeResponseWithReset'],
  ] as const)('gets the original success when the charge went through but its response was %s', async (_how, fault) => {
    const charge = await savedVisa();
    t.sandbox.faults[fault] = 1;
    const outcome = await t.cards.charge(charge);
    expect(outcome).toMatchObject({ kind: 'succeeded', amount: { amountMinor: 3000, currency: 'USD' } });
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(1);
    expect(t.sandbox.faults[fault]).toBe(0);
  });

  it('throws a temporary-problem error once the SDK retries are spent, and the next attempt with the same key charges once', async () => {
    const charge = await savedVisa();
    t.sandbox.faults.loseNextChargeResponseWith500 = 1;
    t.sandbox.faults.failNextWith500 = 2; // the SDK's two retries both fail
    const first = t.cards.charge(charge);
    await expect(first).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    await expect(first).rejects.toThrow('Our payment provider had a temporary problem. Nothing was charged twice; please try again in a few minutes.');
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(1);

    const later = await t.cards.charge(charge);
    expect(later.kind).toBe('succeeded');
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(1);
  });

  it('rides out two passing 500s or connection resets through the SDK retries', async () => {
    const charge = await savedVisa();
    t.sandbox.faults.failNextWith500 = 1;
    t.sandbox.faults.resetNextConnections = 1;
    expect((await t.cards.charge(charge)).kind).toBe('succeeded');
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(1);
  });

  it('reports a rate limit as a temporary problem and charges nothing', async () => {
    const charge = await savedVisa();
    t.sandbox.faults.rateLimitNext = 3;
    await expect(t.cards.charge(charge)).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(0);
  });

  /** The adapter as the automatic charges build it: it waits out a rate limit `retries` times. */
  const waitingOutRateLimits = (retries: number) => new StripeCardPayments(
    new StripeClients(async () => ({ secretKey: SANDBOX_KEY, webhookSecret: t.webhookSecret }), { host: t.sandbox.host, port: t.sandbox.port, protocol: 'http' }),
    { retries },
  );

  it('waits out a passing rate limit in place when told to, and charges once', async () => {
    const charge = await savedVisa();
    t.sandbox.faults.rateLimitNext = 2;
    expect(await waitingOutRateLimits(4).charge(charge)).toMatchObject({ kind: 'succeeded', amount: { amountMinor: 3000, currency: 'USD' } });
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(1);
    expect(t.sandbox.faults.rateLimitNext).toBe(0);
  });

  it('gives a rate limit that outlasts its waits back as a temporary problem, having charged nothing', async () => {
    const charge = await savedVisa();
    t.sandbox.faults.rateLimitNext = 10;
    await expect(waitingOutRateLimits(2).charge(charge)).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    // The first try and two more; stripe-node itself never retries a rate limit.
    expect(t.sandbox.faults.rateLimitNext).toBe(7);
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(0);
  });

  it('captures exactly once for 50 concurrent charges of one invoice with the same idempotency key', async () => {
    const charge = await savedVisa();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => t.cards.charge(charge)));
    expect(t.sandbox.captureCount(charge.invoiceId)).toBe(1);
    const paymentIds = new Set(outcomes.map((o) => (o.kind === 'succeeded' ? o.paymentId : o.kind)));
    expect([...paymentIds]).toHaveLength(1);
  });

  it('captures exactly once for 50 concurrent charges when Stripe is slow and the key is still in flight', async () => {
    const slow = await startSandboxTarget({ latencyMs: 30 });
    try {
      const billingCustomerId = uniqueId('cust');
      const customerRef = await slow.cards.ensureCustomer({ billingCustomerId, email: 'ada@example.test' });
      const card = await slow.stripe.paymentMethods.attach('pm_card_visa', { customer: customerRef });
      const invoiceId = uniqueId('inv');
      const charge = { customerRef, billingCustomerId, methodId: card.id, invoiceId, amount: money(3000, 'USD'), idempotencyKey: `charge-${invoiceId}-1` };
      const settled = await Promise.allSettled(Array.from({ length: 50 }, () => slow.cards.charge(charge)));
      expect(slow.sandbox.captureCount(invoiceId)).toBe(1);
      // Those that met the in-flight key (409) and ran out of retries were told to try again later.
      for (const result of settled) {
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(PaymentProviderUnavailableError);
        else expect(result.value.kind).toBe('succeeded');
      }
    } finally {
      await slow.stop();
    }
  });

  it('keeps the card when Stripe cannot be reached while deleting it, and deletes it on the next try', async () => {
    const { customerRef, methodId: cardId } = await savedVisa();
    t.sandbox.faults.failNextWith500 = 3;
    await expect(t.cards.detach(cardId)).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    expect((await t.stripe.paymentMethods.retrieve(cardId)).customer).toBe(customerRef);

    await t.cards.detach(cardId);
    expect((await t.stripe.paymentMethods.retrieve(cardId)).customer).toBeNull();
  });

  it('treats a detach whose answer was lost as done when it is retried', async () => {
    const { methodId: cardId } = await savedVisa();
    await t.stripe.paymentMethods.detach(cardId); // the first detach went through; its answer never arrived
    await expect(t.cards.detach(cardId)).resolves.toBeUndefined();
  });
});
