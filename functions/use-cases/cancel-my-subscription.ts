import { BusinessRuleError, ConflictError, NotFoundError } from '../domain/errors.js';
import type { Service } from '../domain/service.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import { providerCall } from './steps/provider-call.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';
import type { SubscriptionDeps } from './steps/sync-service-subscription.js';

const MAX_TRIES = 10;

/**
 * The customer cancels a service's subscription from the Account page:
 *
 * 1. it must be the live (or pending) subscription of one of their services (anything else is "not
 *    found", as for every object that is not the caller's);
 * 2. it is cancelled at the provider first: if the provider cannot be reached, the customer is told so
 *    (502) and nothing changes here, since our record must never say "cancelled" while it can charge;
 * 3. then the service records it cancelled, on condition of its version (the provider's CANCELLED
 *    webhook, which follows, changes nothing more). The service itself goes on: its next invoices are
 *    paid by card or by hand again.
 * @throws NotFoundError, ProviderUnavailableError (502)
 */
export async function cancelMySubscription(
  deps: SubscriptionDeps & { customers: CustomerRepository },
  input: { userSub: string; subscriptionId: string },
): Promise<Service> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const services = await deps.services.listByCustomer(customer.id);
  let service = services.find((s) => s.state.subscription?.id === input.subscriptionId);
  const subscription = service?.state.subscription;
  if (!service || !subscription) throw new NotFoundError('Subscription');
  if (subscription.status === 'cancelled') return service;
  const provider = deps.recurring?.[subscription.method];
  if (!provider) throw new BusinessRuleError('Subscriptions are not set up for this account yet.');

  await providerCall(
    () => provider.cancel(subscription.id, 'Cancelled by the customer'),
    'PayPal could not be reached, so the subscription was not cancelled and nothing changed. Please try again in a few minutes.',
  );
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const ended = service.subscriptionEnded(subscription.id, deps.clock.now());
    if (ended === service) return service;
    try {
      await deps.services.save(ended, service.state.version);
      return ended;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      service = (await deps.services.get(service.id))!;
    }
  }
  throw new ConflictError('The service kept changing; please try again.');
}
