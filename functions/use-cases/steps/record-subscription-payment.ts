import type { Invoice } from '../../domain/invoice.js';
import type { PaymentEvent } from '../../ports/payments/payment-events.js';
import type { EventResolution } from '../../ports/payments/webhook-claims.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import type { ServiceRepository } from '../../ports/service-repository.js';
import { type RecordPaymentDeps, recordPayment } from './record-payment.js';
import { type SubscriptionDeps, syncServiceSubscription } from './sync-service-subscription.js';

type SubscriptionPayment = Extract<PaymentEvent, { type: 'payment.succeeded' }> & { subscriptionId: string };

/**
 * A subscription's payment arrived (a renewal, or its first cycle):
 *
 * 1. a payment already recorded under this id (a redelivery, R3) stops here, without a call to the
 *    provider;
 * 2. the subscription is synced first (syncServiceSubscription): one whose activation we have not read
 *    yet is recorded on its service now; one that is a second live subscription of its service is
 *    cancelled at the provider before it charges again;
 * 3. the money pays the service's oldest open invoice, with its ledger entry in the same transaction
 *    (record-payment.ts), or becomes account credit when none is open, which then pays the next
 *    invoice as it is issued. A duplicate subscription's payment follows the same rule: it pays the
 *    open invoice if there still is one, else it is credit; it is not refunded.
 */
export async function recordSubscriptionPayment(
  deps: RecordPaymentDeps & SubscriptionDeps,
  event: SubscriptionPayment,
): Promise<Omit<EventResolution, 'eventType'>> {
  if (await deps.ledger.findPayment(event.method, event.paymentId)) return { outcome: 'ignored', reason: `Payment ${event.paymentId} was already received.` };
  const synced = await syncServiceSubscription(deps, {
    method: event.method, subscriptionId: event.subscriptionId, ...(event.serviceId ? { serviceId: event.serviceId } : {}),
  });
  if (synced.outcome === 'not_ours') return { outcome: 'refused', reason: synced.reason };
  if (event.serviceId && synced.remote.serviceId && event.serviceId !== synced.remote.serviceId) {
    return { outcome: 'refused', reason: `Payment ${event.paymentId} names service ${event.serviceId}, its subscription service ${synced.remote.serviceId}.` };
  }
  const service = synced.service;
  const invoice = await oldestOpenInvoice(deps, service.id);
  await recordPayment(deps, {
    method: event.method, externalId: event.paymentId, customerId: service.state.customerId, amount: event.amount,
    ...(invoice ? { invoiceId: invoice.id } : {}),
  });
  return synced.outcome === 'duplicate_cancelled'
    ? { outcome: 'applied', reason: `Subscription ${event.subscriptionId} was a second one for service ${service.id} and was cancelled at the provider; its payment was kept.` }
    : { outcome: 'applied' };
}

/** The service's oldest invoice still open, by the periods it billed (oldest first). */
async function oldestOpenInvoice(deps: { services: ServiceRepository; invoices: InvoiceRepository }, serviceId: string): Promise<Invoice | undefined> {
  const seen = new Set<string>();
  for (const period of await deps.services.listInvoicedPeriods(serviceId)) {
    if (seen.has(period.invoiceId)) continue;
    seen.add(period.invoiceId);
    const invoice = await deps.invoices.get(period.invoiceId);
    if (invoice?.status === 'open' && invoice.amountDue.amountMinor > 0) return invoice;
  }
  return undefined;
}
