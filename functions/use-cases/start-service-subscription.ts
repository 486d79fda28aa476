import { BusinessRuleError, ConflictError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { Service } from '../domain/service.js';
import { PENDING_SUBSCRIPTION_REUSE_MS } from '../domain/service-subscription.js';
import type { AmountLimits } from '../ports/payments/amount-limits.js';
import { getMyInvoice } from './get-my-invoice.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import type { ApplyPaymentEventDeps } from './steps/apply-payment-event.js';
import { providerCall } from './steps/provider-call.js';
import { type SubscriptionDeps, syncServiceSubscription } from './steps/sync-service-subscription.js';

export type StartSubscriptionResult =
  | { status: 'redirect'; redirectUrl: string }
  /** The service already has a live subscription (this one, once approved): its payments pay the invoice. */
  | { status: 'subscribed'; invoice: Invoice }
  /** Approved, and PayPal has not said yet that it is active. */
  | { status: 'processing' };

const MAX_TRIES = 5;

/**
 * The customer chooses, on an open invoice of a recurring service, to pay it by a PayPal subscription
 * that then pays the service every cycle:
 *
 * 1. the invoice must bill a service that is still billed, and PayPal must take its price;
 * 2. a service with a live subscription starts no other (R13): the answer is `subscribed`;
 * 3. a subscription started less than an hour ago and still waiting for approval is offered again
 *    (a double click, a second tab), so most second starts make nothing new at PayPal;
 * 4. otherwise start number n+1 is created at PayPal with the idempotency key `subscription-<service>-<n+1>`
 *    (a retried request gets the same subscription back), and recorded on the service on condition of
 *    its version. If two still end up approved (an abandoned approval page used later), the activation
 *    read second is cancelled at PayPal (syncServiceSubscription).
 *
 * With `subscriptionId` (PayPal sends the customer back with it): the subscription is synced as its
 * webhook would be, which stays the truth; its first payment arrives by webhook.
 * @throws NotFoundError when the invoice is not the caller's
 * @throws BusinessRuleError when the invoice is not open or bills no service, or PayPal cannot take the price
 */
export async function startServiceSubscription(
  deps: ApplyPaymentEventDeps & SubscriptionDeps & { paypalLimits: AmountLimits },
  input: { userSub: string; invoiceId: string; returnUrl: string; subscriptionId?: string },
): Promise<StartSubscriptionResult> {
  const { invoice } = await getMyInvoice(deps, input);
  const service = await serviceOf(deps, invoice);
  if (input.subscriptionId) return returnFromApproval(deps, invoice, service, input.subscriptionId);
  if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status}; a subscription starts from an open invoice.`);
  const provider = deps.recurring?.paypal;
  if (!provider) throw new BusinessRuleError('PayPal subscriptions are not set up for this account yet.');
  assertChargeable(deps.paypalLimits, service.state.price);

  const page = `${input.returnUrl}/invoices/${invoice.id}`;
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const current = tries === 0 ? service : (await deps.services.get(service.id))!;
    if (current.liveSubscription) return { status: 'subscribed', invoice };
    if (current.state.cancelAtPeriodEnd || !current.isBillable) throw new BusinessRuleError('This service is ending; it cannot be paid by a subscription.');
    const pending = current.state.subscription;
    if (pending?.status === 'pending' && pending.approvalUrl
      && deps.clock.now().getTime() - Date.parse(pending.startedAt) < PENDING_SUBSCRIPTION_REUSE_MS) {
      return { status: 'redirect', redirectUrl: pending.approvalUrl };
    }
    const started = await providerCall(() => provider.start({
      serviceId: current.id, attempt: (current.state.subscriptionStarts ?? 0) + 1, price: current.state.price, cycle: current.state.cycle,
      description: current.state.name, returnUrl: `${page}?subscription=paypal`, cancelUrl: `${page}?subscription=cancelled`,
    }), 'PayPal could not be reached to start the subscription. Nothing was set up; please try again in a few minutes.');
    try {
      const next = current.subscriptionStarted({ method: 'paypal', id: started.subscriptionId, approvalUrl: started.approvalUrl, at: deps.clock.now() });
      await deps.services.save(next, current.state.version);
      return { status: 'redirect', redirectUrl: started.approvalUrl };
    } catch (error) {
      // Another tab recorded its start (the same subscription, when it was the same attempt): read again.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError('The service kept changing; please try again.');
}

/** The service an invoice bills a period of. */
async function serviceOf(deps: SubscriptionDeps, invoice: Invoice): Promise<Service> {
  const [period] = await deps.services.periodsOfInvoice(invoice.id);
  const service = period ? await deps.services.get(period.serviceId) : undefined;
  if (!service) throw new BusinessRuleError(`Invoice ${invoice.label} is not for a service; pay it once instead.`);
  return service;
}

/**
 * The customer is back from PayPal's approval page: learn where the subscription stands, as its
 * webhook would. `subscribed` once it is live (the service's, or a second one, then cancelled).
 */
async function returnFromApproval(deps: SubscriptionDeps & ApplyPaymentEventDeps, invoice: Invoice, service: Service, subscriptionId: string): Promise<StartSubscriptionResult> {
  const synced = await syncServiceSubscription(deps, { method: 'paypal', subscriptionId, serviceId: service.id });
  if (synced.outcome === 'not_ours') throw new BusinessRuleError('This PayPal subscription is not for this invoice’s service.');
  if (synced.remote.status === 'pending') return { status: 'processing' };
  return { status: 'subscribed', invoice: (await deps.invoices.get(invoice.id)) ?? invoice };
}
