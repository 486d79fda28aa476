import type { ProviderPaymentMethod } from './payment.js';

/**
 * Where a service's subscription at a payment provider stands, as we last learned it:
 * `pending` (created, waiting for the customer's approval; it takes no money), `active` (the
 * provider charges it every cycle), `suspended` (it stopped charging, and may resume), `cancelled`
 * (it never charges again). `active` and `suspended` are live: a service has at most one live
 * subscription (R13).
 */
export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The moves a subscription's status can make; `cancelled` is final. */
export const SUBSCRIPTION_TRANSITIONS: Readonly<Record<SubscriptionStatus, readonly SubscriptionStatus[]>> = {
  pending: ['active', 'suspended', 'cancelled'],
  active: ['suspended', 'cancelled'],
  suspended: ['active', 'cancelled'],
  cancelled: [],
};

/** How long a subscription waiting for approval is offered again instead of starting another (its approval page stays valid for hours). */
export const PENDING_SUBSCRIPTION_REUSE_MS = 60 * 60_000;

/** A service's subscription at a provider: the live one, or the latest started. */
export interface ServiceSubscription {
  readonly method: ProviderPaymentMethod;
  /** The provider's id (a PayPal `I-…`). */
  readonly id: string;
  readonly status: SubscriptionStatus;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  /** The provider's page where the customer approves it, while it is pending. */
  readonly approvalUrl?: string;
  /** When the provider charges it next (ISO 8601, UTC), while it charges. */
  readonly nextBillingAt?: string;
  /** When the provider last failed to take a payment (ISO 8601, UTC). */
  readonly lastPaymentFailedAt?: string;
  readonly cancelledAt?: string;
}

/** True while the subscription can charge: the one a service may have at most once. */
export const isLive = (s: ServiceSubscription | undefined): s is ServiceSubscription => s?.status === 'active' || s?.status === 'suspended';

/**
 * What learning that subscription `id` is live at the provider means for a service: it becomes the
 * service's subscription (`adopted`: none was live, or it is the live one, `updated`), or the service
 * already has another live one and this one must be cancelled at the provider (`duplicate`).
 */
export type SubscriptionAdoption = 'adopted' | 'updated' | 'duplicate';
