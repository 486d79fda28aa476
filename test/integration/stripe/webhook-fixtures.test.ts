import { describe, expect, it } from 'vitest';
import { adapters, translateDelivery } from './stripe-target.js';
import { signedStripeWebhook, stripeEventFixture } from '../../fixtures/stripe/events.js';

/** Stored payloads of the pinned API version still translate into the neutral events the use cases expect. */
describe('Stripe event fixtures (API 2026-10-28.endive) translated by the adapter', () => {
  const secret = 'whsec_fixture';
  // Port 9 on loopback refuses connections: these translations must not need to ask Stripe anything.
  const { webhooks } = adapters({ secretKey: 'sk_test_fixture', webhookSecret: secret }, { host: '127.0.0.1', port: 9, protocol: 'http' });
  const translate = (name: Parameters<typeof stripeEventFixture>[0]) => {
    const { body, headers } = signedStripeWebhook(stripeEventFixture(name), secret);
    return translateDelivery(webhooks, body, headers['stripe-signature']);
  };

  it('payment_intent.succeeded → payment.succeeded for the invoice in its metadata', async () => {
    expect(await translate('payment_intent.succeeded')).toMatchObject({
      type: 'payment.succeeded', eventId: expect.stringMatching(/^evt_/), paymentId: expect.stringMatching(/^pi_/),
      invoiceId: 'inv-0001', billingCustomerId: 'cust-0001', amount: { amountMinor: 2500, currency: 'USD' }, savedCard: undefined, method: 'card',
    });
  });

  it('payment_intent.payment_failed → payment.failed with the decline reason', async () => {
    expect(await translate('payment_intent.payment_failed')).toMatchObject({
      type: 'payment.failed', invoiceId: 'inv-0002', reason: 'insufficient_funds', message: 'Your card was declined: insufficient funds.', requiresAction: false,
    });
  });

  it('payment_method.detached → card.detached with the customer it left', async () => {
    expect(await translate('payment_method.detached')).toMatchObject({ type: 'card.detached', cardId: expect.stringMatching(/^pm_/), customerRef: expect.stringMatching(/^cus_/) });
  });

  it('charge.refunded → payment.refunded with the running refunded total', async () => {
    expect(await translate('charge.refunded')).toMatchObject({ type: 'payment.refunded', invoiceId: 'inv-0001', totalRefunded: { amountMinor: 1000, currency: 'USD' } });
  });

  it('charge.dispute.created → payment.disputed', async () => {
    expect(await translate('charge.dispute.created')).toMatchObject({ type: 'payment.disputed', paymentId: 'pi_1DisputeFixturePayment0001', amount: { amountMinor: 2500, currency: 'USD' } });
  });
});
