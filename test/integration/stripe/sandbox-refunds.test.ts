import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { submitCard } from './hosted-checkout-driver.js';
import { SANDBOX_KEY, startSandboxTarget, uniqueId, type SandboxTarget } from './stripe-target.js';

/**
 * Refunds in the sandbox as Stripe answers them (issue 8, R1: late money is refunded automatically),
 * through the real `stripe` SDK: amount, reason and metadata, what is left to refund, the
 * Idempotency-Key, and the refund faults (`failNextRefunds`, `refuseNextRefunds`).
 */
describe('Stripe sandbox: refunds', () => {
  let t: SandboxTarget;
  /** The same sandbox without stripe-node's retries, to see each answer as it is sent. */
  let once: Stripe;
  beforeAll(async () => {
    t = await startSandboxTarget();
    once = new Stripe(SANDBOX_KEY, { host: t.sandbox.host, port: t.sandbox.port, protocol: 'http', maxNetworkRetries: 0 });
  });
  afterAll(() => t.stop());
  beforeEach(() => t.sandbox.resetFaults());

  /** A paid invoice: a Checkout Session paid with 4242… on the hosted page. */
  async function paid(amount = 3000) {
    const invoiceId = uniqueId('inv');
    const session = await t.stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: amount, product_data: { name: 'Invoice INV-0042' } } }],
      payment_intent_data: { metadata: { invoiceId } },
      success_url: 'http://app.test/paid',
    });
    expect((await submitCard(session.url ?? '', '4242 4242 4242 4242')).status).toBe(303);
    const paymentIntent = String((await t.stripe.checkout.sessions.retrieve(session.id)).payment_intent);
    const chargeId = String((await t.stripe.paymentIntents.retrieve(paymentIntent)).latest_charge);
    return { invoiceId, paymentIntent, chargeId };
  }

  const refundedEvents = (chargeId: string) =>
    t.sandbox.events().filter((e) => e.type === 'charge.refunded' && e.data.object.id === chargeId);

  it('refunds a payment in full with its reason and metadata, and announces it with charge.refunded', async () => {
    const { invoiceId, paymentIntent, chargeId } = await paid(3000);

    const refund = await t.stripe.refunds.create(
      { payment_intent: paymentIntent, reason: 'duplicate', metadata: { invoiceId, why: 'invoice already paid' } },
      { idempotencyKey: `refund-${invoiceId}` },
    );

    expect(refund).toMatchObject({
      id: expect.stringMatching(/^re_/), object: 'refund', status: 'succeeded', amount: 3000, currency: 'usd',
      payment_intent: paymentIntent, charge: chargeId, reason: 'duplicate', metadata: { invoiceId, why: 'invoice already paid' },
    });
    expect(await t.stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 3000, refunded: true });
    const [event, ...more] = refundedEvents(chargeId);
    expect(more).toEqual([]);
    expect(event?.data).toMatchObject({ object: { amount_refunded: 3000, refunded: true }, previous_attributes: { amount_refunded: 0, refunded: false } });
  });

  it('refunds in parts up to what is left, then refuses more with Stripe’s amount error and charge_already_refunded', async () => {
    const { paymentIntent, chargeId } = await paid(3000);
    await t.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1000 });

    const tooMuch = await once.refunds.create({ payment_intent: paymentIntent, amount: 2500 }).catch((error: unknown) => error);
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(tooMuch).toMatchObject({
      statusCode: 400, rawType: 'invalid_request_error', param: 'amount', code: undefined,
      message: 'Refund amount ($25.00) is greater than unrefunded amount on charge ($20.00)',
    });

    expect((await t.stripe.refunds.create({ payment_intent: paymentIntent })).amount).toBe(2000);
    expect(await t.stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 3000, refunded: true });

    const again = await once.refunds.create({ payment_intent: paymentIntent, amount: 1 }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: 'charge_already_refunded', message: `Charge ${chargeId} has already been refunded.` });
    expect(refundedEvents(chargeId)).toHaveLength(2);
  });

  it('refuses an amount below 1, an unknown reason and a payment that was never made, refunding nothing', async () => {
    const { paymentIntent, chargeId } = await paid();
    await expect(once.refunds.create({ payment_intent: paymentIntent, amount: 0 })).rejects.toMatchObject({ statusCode: 400, param: 'amount' });
    await expect(once.refunds.create({ payment_intent: paymentIntent, reason: 'changed_mind' })).rejects.toMatchObject({ statusCode: 400, param: 'reason' });
    await expect(once.refunds.create({ payment_intent: 'pi_unknown' })).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    const unpaid = await t.stripe.paymentIntents.create({ amount: 1000, currency: 'usd' });
    await expect(once.refunds.create({ payment_intent: unpaid.id })).rejects.toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
    expect((await t.stripe.charges.retrieve(chargeId)).amount_refunded).toBe(0);
  });

  it('replays the first refund for a repeated Idempotency-Key, and refuses the key with other parameters', async () => {
    const { invoiceId, paymentIntent, chargeId } = await paid(3000);
    const key = `refund-${invoiceId}`;

    const first = await t.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1200 }, { idempotencyKey: key });
    const second = await t.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1200 }, { idempotencyKey: key });

    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await t.stripe.charges.retrieve(chargeId)).amount_refunded).toBe(1200);
    expect(refundedEvents(chargeId)).toHaveLength(1);
    await expect(t.stripe.refunds.create({ payment_intent: paymentIntent, amount: 1800 }, { idempotencyKey: key })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('failNextRefunds: answers 500 api_error and refunds nothing, so a retry with the same key refunds once', async () => {
    const { invoiceId, paymentIntent, chargeId } = await paid(3000);
    const key = `refund-${invoiceId}`;
    t.sandbox.faults.failNextRefunds = 1;

    const failed = await once.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: key }).catch((error: unknown) => error);

    expect(failed).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(failed).toMatchObject({ statusCode: 500, rawType: 'api_error' });
    expect((await t.stripe.charges.retrieve(chargeId)).amount_refunded).toBe(0);
    expect(refundedEvents(chargeId)).toEqual([]);
    expect(t.sandbox.faults.failNextRefunds).toBe(0);

    const retried = await once.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: key });
    expect(retried).toMatchObject({ status: 'succeeded', amount: 3000 });
    expect(refundedEvents(chargeId)).toHaveLength(1);
  });

  it('failNextRefunds counts each HTTP attempt, so stripe-node’s own retries ride out fewer failures than it has retries', async () => {
    const { paymentIntent, chargeId } = await paid(3000);
    t.sandbox.faults.failNextRefunds = 1;
    const retrying = new Stripe(SANDBOX_KEY, { host: t.sandbox.host, port: t.sandbox.port, protocol: 'http', maxNetworkRetries: 1 });

    expect((await retrying.refunds.create({ payment_intent: paymentIntent })).amount).toBe(3000);
    expect((await t.stripe.charges.retrieve(chargeId)).amount_refunded).toBe(3000);
  });

  it('refuseNextRefunds: answers as for a disputed charge (400 charge_disputed), refunds nothing, and replays the refusal for the same key', async () => {
    const { invoiceId, paymentIntent, chargeId } = await paid(3000);
    const key = `refund-${invoiceId}`;
    t.sandbox.faults.refuseNextRefunds = 1;

    const refused = await once.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: key }).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refused).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', code: 'charge_disputed' });
    expect((await t.stripe.charges.retrieve(chargeId)).amount_refunded).toBe(0);
    expect(t.sandbox.faults.refuseNextRefunds).toBe(0);

    const replayed = await once.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: key }).catch((error: unknown) => error);
    expect(replayed).toMatchObject({ statusCode: 400, code: 'charge_disputed', headers: { 'idempotent-replayed': 'true' } });

    // The fault is spent: a new attempt (a new key) goes through.
    expect((await once.refunds.create({ payment_intent: paymentIntent }, { idempotencyKey: `${key}-2` })).amount).toBe(3000);
    expect(refundedEvents(chargeId)).toHaveLength(1);
  });

  it('refuseNextRefunds is not spent on requests that fail on their own', async () => {
    const { paymentIntent } = await paid(3000);
    t.sandbox.faults.refuseNextRefunds = 1;

    await expect(once.refunds.create({ payment_intent: 'pi_unknown' })).rejects.toMatchObject({ statusCode: 404 });
    await expect(once.refunds.create({ payment_intent: paymentIntent, amount: 0 })).rejects.toMatchObject({ param: 'amount' });
    expect(t.sandbox.faults.refuseNextRefunds).toBe(1);
    await expect(once.refunds.create({ payment_intent: paymentIntent })).rejects.toMatchObject({ code: 'charge_disputed' });
    expect(t.sandbox.faults.refuseNextRefunds).toBe(0);
  });
});
