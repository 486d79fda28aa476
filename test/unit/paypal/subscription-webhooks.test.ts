import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SubscriptionStatus } from '@paypal/paypal-server-sdk';
import { subscriptionOf } from '../../../functions/adapters/paypal/paypal-subscriptions.js';
import { handlesPayPalEvent, translatePayPalEvent } from '../../../functions/adapters/paypal/webhooks/index.js';
import { type PayPalEvent, paypalEvent } from '../../../functions/adapters/paypal/webhooks/translator.js';

/** PayPal's subscription events as it documents them (developer.paypal.com/api/rest/webhooks/event-names/), per API version. */
const fixture = (type: string): PayPalEvent =>
  paypalEvent.parse(JSON.parse(readFileSync(new URL(`../../fixtures/paypal/subscriptions-v1/${type}.json`, import.meta.url), 'utf8')));

describe('PayPal subscription webhooks', () => {
  it('allow-lists the subscription events and the sale of a renewal', () => {
    for (const type of ['BILLING.SUBSCRIPTION.ACTIVATED', 'BILLING.SUBSCRIPTION.CANCELLED', 'BILLING.SUBSCRIPTION.SUSPENDED', 'BILLING.SUBSCRIPTION.PAYMENT.FAILED', 'PAYMENT.SALE.COMPLETED']) {
      expect(handlesPayPalEvent(type), type).toBe(true);
    }
    expect(handlesPayPalEvent('BILLING.SUBSCRIPTION.CREATED')).toBe(false);
  });

  it('reads an activation as a change of the subscription, naming our service', () => {
    expect(translatePayPalEvent(fixture('BILLING.SUBSCRIPTION.ACTIVATED'))).toEqual({
      type: 'subscription.changed', method: 'paypal', eventId: 'WH-77687562XN25889J8-8Y6T55435R66168T6', occurredAt: '2027-01-25T09:00:04.000Z',
      subscriptionId: 'I-BW452GLLEP1G', serviceId: 'svc_1',
    });
    const failed = { ...fixture('BILLING.SUBSCRIPTION.ACTIVATED'), event_type: 'BILLING.SUBSCRIPTION.PAYMENT.FAILED' };
    expect(translatePayPalEvent(failed)).toMatchObject({ type: 'subscription.changed', paymentFailed: true });
  });

  it('reads a renewal sale as a payment of the subscription, in exact minor units', () => {
    expect(translatePayPalEvent(fixture('PAYMENT.SALE.COMPLETED'))).toEqual({
      type: 'payment.succeeded', method: 'paypal', eventId: 'WH-2WR32451HC0233532-67976317FL4543714', occurredAt: '2027-02-25T10:00:05.000Z',
      paymentId: '80021663DE681814L', subscriptionId: 'I-BW452GLLEP1G', serviceId: 'svc_1', amount: { amountMinor: 1500, currency: 'EUR' },
    });
  });

  it('ignores a sale that belongs to no subscription', () => {
    const sale = fixture('PAYMENT.SALE.COMPLETED');
    const { billing_agreement_id: _, ...resource } = sale.resource as Record<string, unknown>;
    expect(translatePayPalEvent({ ...sale, resource })).toBeNull();
  });

  it('maps PayPal’s subscription statuses to the port’s, with the next billing time only while it can charge', () => {
    expect(subscriptionOf('I-1', { status: SubscriptionStatus.ApprovalPending, customId: 'svc_1' })).toEqual({ subscriptionId: 'I-1', status: 'pending', serviceId: 'svc_1' });
    expect(subscriptionOf('I-1', { status: SubscriptionStatus.Active, billingInfo: { nextBillingTime: '2027-02-25T10:00:00Z', failedPaymentsCount: 0, outstandingBalance: { currencyCode: 'EUR', value: '0' } } }))
      .toEqual({ subscriptionId: 'I-1', status: 'active', nextBillingAt: '2027-02-25T10:00:00.000Z' });
    expect(subscriptionOf('I-1', { status: SubscriptionStatus.Suspended }).status).toBe('suspended');
    expect(subscriptionOf('I-1', { status: SubscriptionStatus.Cancelled, billingInfo: { nextBillingTime: '2027-02-25T10:00:00Z', failedPaymentsCount: 0, outstandingBalance: { currencyCode: 'EUR', value: '0' } } }))
      .toEqual({ subscriptionId: 'I-1', status: 'ended' });
    expect(subscriptionOf('I-1', { status: SubscriptionStatus.Expired }).status).toBe('ended');
  });
});
