import type { Service } from '../../domain/service.js';
import type { RecurringPaymentsByMethod } from '../../ports/payments/recurring-payments.js';
import { providerCall } from './provider-call.js';

/**
 * A service is ending (cancelled now, or at the end of its period): its live subscription is cancelled
 * at the provider first, since the period it is paid through needs no further payment, and a
 * subscription left running would charge for a service that has ended. If the provider cannot be
 * reached, this throws and the caller changes nothing. Returns the service with the subscription
 * recorded as ended, for the caller's own conditional write.
 * @throws ProviderUnavailableError (502) when the provider cannot be reached
 */
export async function endServiceSubscription(deps: { recurring?: RecurringPaymentsByMethod }, service: Service, at: Date): Promise<Service> {
  const live = service.liveSubscription;
  if (!live) return service;
  const provider = deps.recurring?.[live.method];
  // Without the provider configured here no subscription can have been started through it.
  if (!provider) return service;
  await providerCall(
    () => provider.cancel(live.id, 'The service was cancelled'),
    'PayPal could not be reached to cancel this service’s subscription, so nothing changed. Please try again in a few minutes.',
  );
  return service.subscriptionEnded(live.id, at);
}
