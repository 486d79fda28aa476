import {
  ApplicationContextUserAction, ExperienceContextShippingPreference, IntervalUnit, PlanRequestStatus,
  SetupFeeFailureAction, type Subscription, SubscriptionStatus, TenureType,
} from '@paypal/paypal-server-sdk';
import type { Money } from '../../domain/money.js';
import type { ServiceCycle } from '../../domain/service-cycle.js';
import { PaymentProviderError } from '../../ports/payments/provider-errors.js';
import type { ProviderSubscription, RecurringPayments, StartSubscriptionInput } from '../../ports/payments/recurring-payments.js';
import type { CatalogProduct } from './catalog-products.js';
import type { PayPalApis, PayPalClients } from './paypal-client.js';
import { issueOf, providerError } from './paypal-errors.js';
import { toPayPalAmount } from './paypal-money.js';
import type { PayPalPlanStore } from './paypal-plan-store.js';

/** The catalog product every plan belongs to: one, since a plan already says the price and cycle. */
export const HOSTING_PRODUCT: CatalogProduct = { id: 'HOSTING-SERVICE', name: 'Hosting service', description: 'Web hosting, billed every cycle' };

/** PayPal's billing cycle for each of our service cycles. */
const FREQUENCY: Readonly<Record<ServiceCycle, { intervalUnit: IntervalUnit; intervalCount: number }>> = {
  monthly: { intervalUnit: IntervalUnit.Month, intervalCount: 1 },
  quarterly: { intervalUnit: IntervalUnit.Month, intervalCount: 3 },
  yearly: { intervalUnit: IntervalUnit.Year, intervalCount: 1 },
};

const REPRESENTATION = 'return=representation';

/** Where the catalog product is remembered beside the plans, so it is created once, not once per plan. */
const PRODUCT_KEY = `product-${HOSTING_PRODUCT.id}`;

/** The plan for a price and cycle, named the same everywhere it is looked up or created. */
export const planKey = (price: Money, cycle: ServiceCycle): string => `${price.currency}-${price.amountMinor}-${cycle}`;

/**
 * Recurring payments on PayPal Subscriptions v1 (developer.paypal.com/docs/api/subscriptions/v1/):
 * one catalog product, a plan per (price, cycle, currency) created once and remembered, and a
 * subscription per start, with our service id as its `custom_id` (PayPal sends it back on every
 * payment, as the sale's `custom`). Every create carries a PayPal-Request-Id made from what it
 * creates, so a retry or a race creates nothing twice. Amounts are converted here only.
 */
export class PayPalSubscriptions implements RecurringPayments {
  constructor(
    private readonly clients: PayPalClients,
    private readonly plans: PayPalPlanStore,
    private readonly brandName?: string,
  ) {}

  async start(input: StartSubscriptionInput): Promise<{ subscriptionId: string; approvalUrl: string }> {
    const planId = await this.planFor(input.price, input.cycle);
    const { result } = await this.call((apis) => apis.subscriptions.createSubscription({
      paypalRequestId: `subscription-${input.serviceId}-${input.attempt}`,
      prefer: REPRESENTATION,
      body: {
        planId,
        customId: input.serviceId,
        applicationContext: {
          returnUrl: input.returnUrl,
          cancelUrl: input.cancelUrl,
          userAction: ApplicationContextUserAction.SubscribeNow,
          shippingPreference: ExperienceContextShippingPreference.NoShipping,
          ...(this.brandName ? { brandName: this.brandName.slice(0, 127) } : {}),
        },
      },
    }));
    const approvalUrl = result.links?.find((link) => link.rel === 'approve')?.href;
    if (!result.id || !approvalUrl) throw new PaymentProviderError('unexpected', `PayPal subscription ${result.id ?? '(no id)'} has no approval link`);
    return { subscriptionId: result.id, approvalUrl };
  }

  async get(subscriptionId: string): Promise<ProviderSubscription> {
    const { result } = await this.call((apis) => apis.subscriptions.getSubscription({ id: subscriptionId }));
    return subscriptionOf(subscriptionId, result);
  }

  async cancel(subscriptionId: string, reason: string): Promise<void> {
    try {
      await this.clients.request((apis) => apis.subscriptions.cancelSubscription({ id: subscriptionId, body: { reason: reason.slice(0, 127) } }));
    } catch (error) {
      // PayPal refuses to cancel what is already cancelled or expired (the end we wanted), and what is
      // not approved yet: that takes no money, and is cancelled when its activation is read (service.ts).
      if (issueOf(error) !== 'SUBSCRIPTION_STATUS_INVALID') throw providerError(error);
      const { status } = await this.get(subscriptionId);
      if (status !== 'ended' && status !== 'pending') throw providerError(error);
    }
  }

  /** The plan for this price and cycle: the one remembered, or a new one (product first, once). */
  private async planFor(price: Money, cycle: ServiceCycle): Promise<string> {
    const key = planKey(price, cycle);
    const known = await this.plans.find(key);
    if (known) return known;
    const productId = (await this.plans.find(PRODUCT_KEY))
      ?? await this.plans.remember(PRODUCT_KEY, await this.call((apis) => apis.catalog.ensure(HOSTING_PRODUCT)));
    const { result: plan } = await this.call((apis) => apis.subscriptions.createBillingPlan({
      // The same key for the same plan: two functions creating it at once get one plan within PayPal's 72 h.
      paypalRequestId: `plan-${key}`,
      prefer: REPRESENTATION,
      body: {
        productId,
        name: `Hosting, ${cycle}, ${key}`.slice(0, 127),
        status: PlanRequestStatus.Active,
        billingCycles: [{
          frequency: FREQUENCY[cycle], tenureType: TenureType.Regular, sequence: 1, totalCycles: 0,
          pricingScheme: { fixedPrice: toPayPalAmount(price) },
        }],
        // A missed payment is not billed again later: the invoice it was for can be paid another way meanwhile.
        paymentPreferences: { autoBillOutstanding: false, setupFeeFailureAction: SetupFeeFailureAction.Cancel, paymentFailureThreshold: 1 },
      },
    }));
    if (!plan.id) throw new PaymentProviderError('unexpected', 'PayPal answered a new plan without an id');
    return this.plans.remember(key, plan.id);
  }

  private call<T>(request: (apis: PayPalApis) => Promise<T>): Promise<T> {
    return this.clients.call(request);
  }
}

/** PayPal's subscription in the port's terms. */
export function subscriptionOf(subscriptionId: string, s: Subscription): ProviderSubscription {
  const status = s.status === SubscriptionStatus.Active ? 'active'
    : s.status === SubscriptionStatus.Suspended ? 'suspended'
      : s.status === SubscriptionStatus.Cancelled || s.status === SubscriptionStatus.Expired ? 'ended'
        : 'pending';
  const next = s.billingInfo?.nextBillingTime;
  return {
    subscriptionId,
    status,
    ...(s.customId ? { serviceId: s.customId } : {}),
    ...(next && status !== 'ended' ? { nextBillingAt: new Date(next).toISOString() } : {}),
  };
}
