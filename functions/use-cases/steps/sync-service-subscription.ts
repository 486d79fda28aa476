import { ConflictError } from '../../domain/errors.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { Service } from '../../domain/service.js';
import type { Clock } from '../../ports/clock.js';
import type { ProviderSubscription, RecurringPaymentsByMethod } from '../../ports/payments/recurring-payments.js';
import type { ServiceRepository } from '../../ports/service-repository.js';

export interface SubscriptionDeps {
  services: ServiceRepository;
  /** Absent where no provider of subscriptions is configured. */
  recurring?: RecurringPaymentsByMethod;
  clock: Clock;
}

/** What syncing did: the service as it now stands, and whether the subscription was a duplicate cancelled at the provider. */
export type SyncedSubscription =
  | { outcome: 'recorded' | 'unchanged'; service: Service; remote: ProviderSubscription }
  | { outcome: 'duplicate_cancelled'; service: Service; remote: ProviderSubscription }
  | { outcome: 'not_ours'; reason: string };

const MAX_TRIES = 10;

/** The reason PayPal (and the customer's PayPal account) shows for a duplicate we cancel. */
export const DUPLICATE_REASON = 'This service already has an active subscription; this second one was cancelled before charging again.';

/**
 * Learns where a subscription stands at the provider and records it on its service, with a write
 * conditioned on the service's version (R13: at most one live subscription per service):
 *
 * 1. the provider is asked for the subscription now (so events read late or out of order still end in
 *    the provider's last word);
 * 2. live (active or suspended): it becomes the service's subscription, unless the service already has
 *    another live one: then this newcomer is cancelled at the provider at once, before it charges
 *    again, and the service is left as it is. Two activations racing both read "none live"; the
 *    conditional write lets one through, the other reads again and finds itself the duplicate;
 * 3. cancelled or expired: the service's subscription is marked cancelled if it is this one;
 * 4. still waiting for approval: nothing changes.
 * @throws PaymentProviderUnavailableError when the provider cannot be asked or cannot cancel (a webhook is then retried)
 */
export async function syncServiceSubscription(
  deps: SubscriptionDeps,
  input: { method: ProviderPaymentMethod; subscriptionId: string; serviceId?: string; paymentFailed?: boolean },
): Promise<SyncedSubscription> {
  const provider = deps.recurring?.[input.method];
  if (!provider) return { outcome: 'not_ours', reason: `Subscriptions by ${input.method} are not set up here.` };
  const remote = await provider.get(input.subscriptionId);
  const serviceId = remote.serviceId ?? input.serviceId;
  if (!serviceId) return { outcome: 'not_ours', reason: `Subscription ${input.subscriptionId} names no service.` };
  if (input.serviceId && input.serviceId !== serviceId) return { outcome: 'not_ours', reason: `Subscription ${input.subscriptionId} is for service ${serviceId}, not ${input.serviceId}.` };
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const service = await deps.services.get(serviceId);
    if (!service) return { outcome: 'not_ours', reason: `Subscription ${input.subscriptionId} names service ${serviceId}, which does not exist.` };
    const now = deps.clock.now();
    let next = service;
    if (remote.status === 'active' || remote.status === 'suspended') {
      const live = service.subscriptionLive({
        method: input.method, id: remote.subscriptionId, status: remote.status, at: now, ...(remote.nextBillingAt ? { nextBillingAt: remote.nextBillingAt } : {}),
      });
      if (live.adoption === 'duplicate') {
        await provider.cancel(remote.subscriptionId, DUPLICATE_REASON);
        return { outcome: 'duplicate_cancelled', service, remote: { ...remote, status: 'ended' } };
      }
      next = live.service;
    } else if (remote.status === 'ended') {
      next = service.subscriptionEnded(remote.subscriptionId, now);
    }
    if (input.paymentFailed) next = next.subscriptionPaymentFailed(remote.subscriptionId, now);
    if (next === service) return { outcome: 'unchanged', service, remote };
    try {
      await deps.services.save(next, service.state.version);
      return { outcome: 'recorded', service: next, remote };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`Service ${serviceId} kept changing.`);
}
