import type { Customer } from '../../domain/customer.js';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoice.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { CardRepository } from '../../ports/card-repository.js';
import type { PaymentBatches } from '../../ports/payment-batches.js';
import type { CheckoutCaptures } from '../../ports/payments/approved-checkouts.js';
import type { HostedCheckouts } from '../../ports/payments/hosted-checkout.js';
import type { CaptureOutcome } from '../../ports/payments/approved-checkouts.js';
import type { PaymentEvent } from '../../ports/payments/payment-events.js';
import type { ProviderAccounts } from '../../ports/payments/provider-accounts.js';
import type { ProviderCustomerRef } from '../../ports/payments/provider-customers.js';
import type { RefundProviders } from '../../ports/payments/refunds.js';
import type { RefundRecords } from '../../ports/refund-records.js';
import type { EventResolution } from '../../ports/payments/webhook-claims.js';
import { captureApprovedCheckout } from './capture-approved-checkout.js';
import { expireQuietly, forgetCheckout } from './close-checkout.js';
import { forgetCard } from './forget-card.js';
import { type RecordPaymentDeps, recordPayment } from './record-payment.js';
import { recordBatchPayment } from './record-batch-payment.js';
import { recordProviderRefund } from './record-provider-refund.js';
import { recordSubscriptionPayment } from './record-subscription-payment.js';
import { refundUnowedPayment } from './refund-unowed-payment.js';
import { saveCard } from './save-card.js';
import { type SubscriptionDeps, syncServiceSubscription } from './sync-service-subscription.js';

export type ApplyPaymentEventDeps = RecordPaymentDeps & Partial<Pick<SubscriptionDeps, 'services' | 'recurring'>> & {
  cards: CardRepository;
  batches: PaymentBatches;
  accounts: ProviderAccounts;
  checkouts: HostedCheckouts;
  refunds: RefundProviders;
  refundRecords: RefundRecords;
  /** The capture of checkouts the customer approves and we then take (PayPal); absent where none is configured. */
  captures?: CheckoutCaptures;
};

export type EventHandling = Omit<EventResolution, 'eventType'>;

const applied: EventHandling = { outcome: 'applied' };
const refused = (reason: string): EventHandling => ({ outcome: 'refused', reason });
const ignored = (reason: string): EventHandling => ({ outcome: 'ignored', reason });

/**
 * Applies one verified provider event through the same steps as the API. Every branch is idempotent
 * on its own (a payment is recorded once per provider payment id, a card saved once), so an event
 * delivered any number of times, in any order with the others, ends in the same state.
 *
 * Before any money moves, the event's owner is checked: the invoice it names must be the customer's
 * whose provider account the event comes from. An event that fails the check, or that can never apply
 * (an invoice we do not have, another currency), is refused: nothing changes, and it is kept for staff.
 */
export async function applyPaymentEvent(deps: ApplyPaymentEventDeps, event: PaymentEvent): Promise<EventHandling> {
  try {
    return await apply(deps, event);
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof BusinessRuleError) return refused(error.message);
    throw error;
  }
}

async function apply(deps: ApplyPaymentEventDeps, event: PaymentEvent): Promise<EventHandling> {
  switch (event.type) {
    case 'payment.succeeded': {
      if (event.subscriptionId) {
        const subscriptions = subscriptionDeps(deps);
        return subscriptions ? recordSubscriptionPayment(subscriptions, { ...event, subscriptionId: event.subscriptionId }) : refused(NO_SUBSCRIPTIONS);
      }
      const owner = await ownerOf(deps, event);
      if ('refused' in owner) return refused(owner.refused);
      if (event.batchId) return payBatch(deps, event, owner.customer);
      const recorded = await recordPayment(deps, {
        method: event.method, externalId: event.paymentId, customerId: owner.customer.id, amount: event.amount,
        ...(event.invoiceId ? { invoiceId: event.invoiceId } : {}), ...(event.card ? { card: event.card } : {}),
      });
      if (event.savedCard) await saveCard(deps, { customer: owner.customer, card: event.savedCard });
      // Paid some other way than a card page still open for the invoice: that page must not take money too.
      if (recorded.closedCheckout && recorded.closedCheckout.id !== event.checkoutId) await expireQuietly(deps, recorded.closedCheckout);
      if (event.endsPending && recorded.invoice?.status === 'open') await markPending(deps, recorded.invoice, false);
      if (!recorded.payment.unowed || !owner.invoice) return applied;
      const refund = await refundUnowedPayment(deps, recorded.payment, { invoiceNumber: owner.invoice.state.number, invoiceStatus: owner.invoice.status });
      return refund === 'failed' || refund === 'spent'
        ? refused(`Payment ${event.paymentId} was for invoice ${owner.invoice.label}, which was already ${owner.invoice.status}; `
          + (refund === 'failed' ? 'the refund to the card failed, so it is kept as credit.' : 'its credit was already spent, so nothing was refunded.'))
        : applied;
    }
    case 'checkout.approved': {
      const owner = await ownerOf(deps, event);
      if ('refused' in owner) return refused(owner.refused);
      if (event.amount.currency !== owner.customer.currency) return refused(`Checkout ${event.checkoutId} is in ${event.amount.currency}, the account in ${owner.customer.currency}.`);
      const decision = await captureApprovedCheckout({ ...deps, captures: deps.captures ?? {} }, {
        method: event.method, checkoutId: event.checkoutId, ...(owner.invoice ? { invoice: owner.invoice } : {}),
      });
      if ('skipped' in decision) return ignored(decision.skipped);
      return applyCapture(deps, event, decision.captured);
    }
    case 'checkout.closed': {
      const current = event.invoiceId ? await forgetCheckout(deps, event.invoiceId, event.checkoutId) : undefined;
      // Only the invoice's own checkout ends its pending payment: while another is open, that one's stands.
      if (event.endsPending && current?.status === 'open' && !current.state.checkout) await markPending(deps, current, false);
      return applied;
    }
    case 'payment.pending':
    case 'payment.failed': {
      if (!event.invoiceId) return ignored('The event names no invoice.');
      const owner = await ownerOf(deps, event);
      if ('refused' in owner) return refused(owner.refused);
      // Money already recorded for this payment outranks a pending or failed report that arrives late.
      if (await deps.ledger.findPayment(event.method, event.paymentId)) return ignored(`Payment ${event.paymentId} was already received.`);
      // A denied capture ends its checkout: the customer may pay again.
      if (event.type === 'payment.failed' && event.checkoutId) await forgetCheckout(deps, owner.invoice!.id, event.checkoutId, { captureEnded: true });
      // A pending capture counts only while its checkout is the invoice's: one reported after its denial does not.
      if (event.type === 'payment.pending' && event.checkoutId && owner.invoice!.state.checkout?.id !== event.checkoutId) {
        return ignored(`Checkout ${event.checkoutId} is no longer invoice ${owner.invoice!.label}'s.`);
      }
      return markPending(deps, owner.invoice!, event.type === 'payment.pending');
    }
    case 'card.saved': {
      const owner = await ownerOf(deps, { ...event, method: 'card' });
      if ('refused' in owner) return refused(owner.refused);
      await saveCard(deps, { customer: owner.customer, card: event.card });
      return applied;
    }
    case 'card.detached': {
      const card = await deps.cards.findById(event.cardId);
      const customer = card ? await deps.customers.get(card.customerId) : undefined;
      if (!card || !customer) return ignored('No saved card has this id.');
      await forgetCard(deps, customer, card.id);
      return applied;
    }
    case 'payment.refunded':
      return recordProviderRefund(deps, event);
    case 'subscription.changed': {
      const subscriptions = subscriptionDeps(deps);
      if (!subscriptions) return refused(NO_SUBSCRIPTIONS);
      const synced = await syncServiceSubscription(subscriptions, {
        method: event.method, subscriptionId: event.subscriptionId,
        ...(event.serviceId ? { serviceId: event.serviceId } : {}), ...(event.paymentFailed ? { paymentFailed: true } : {}),
      });
      if (synced.outcome === 'not_ours') return refused(synced.reason);
      return synced.outcome === 'duplicate_cancelled'
        ? { outcome: 'applied', reason: `Subscription ${event.subscriptionId} was a second one for its service and was cancelled at the provider.` }
        : applied;
    }
    // Disputes are for staff: kept on the event's record.
    case 'payment.disputed':
      return ignored(`Payment ${event.paymentId} is disputed; staff must respond at the provider.`);
  }
}

const NO_SUBSCRIPTIONS = 'Subscriptions are not set up for this function.';

/** The deps of the subscription steps, where this function has them (the webhook's does). */
function subscriptionDeps(deps: ApplyPaymentEventDeps): (ApplyPaymentEventDeps & SubscriptionDeps) | undefined {
  return deps.services && deps.recurring ? { ...deps, services: deps.services, recurring: deps.recurring } : undefined;
}

/** Several invoices paid together: the batch says which, and how much each. */
async function payBatch(
  deps: ApplyPaymentEventDeps,
  event: Extract<PaymentEvent, { type: 'payment.succeeded' }>,
  customer: Customer,
): Promise<EventHandling> {
  const batch = await deps.batches.get(event.batchId!);
  if (!batch || batch.customerId !== customer.id) return refused(`The event names payment batch ${event.batchId}, which is not this customer's.`);
  const { closedCheckouts } = await recordBatchPayment(deps, {
    method: event.method, externalId: event.paymentId, customerId: customer.id, batch, amount: event.amount, ...(event.card ? { card: event.card } : {}),
  });
  for (const checkout of closedCheckouts) if (checkout.id !== event.checkoutId) await expireQuietly(deps, checkout);
  return applied;
}

/**
 * What a capture did, applied as the provider's own events would be (they follow, and change nothing
 * more): money received pays the invoice, a pending capture marks it, a denial ends the checkout.
 */
async function applyCapture(
  deps: ApplyPaymentEventDeps,
  event: Extract<PaymentEvent, { type: 'checkout.approved' }>,
  outcome: CaptureOutcome,
): Promise<EventHandling> {
  const base = { eventId: event.eventId, occurredAt: event.occurredAt, method: event.method, checkoutId: event.checkoutId,
    ...(event.invoiceId ? { invoiceId: event.invoiceId } : {}), ...(event.billingCustomerId ? { billingCustomerId: event.billingCustomerId } : {}) };
  switch (outcome.status) {
    case 'completed':
      return apply(deps, { ...base, type: 'payment.succeeded', paymentId: outcome.paymentId, amount: outcome.amount });
    case 'pending':
      return apply(deps, { ...base, type: 'payment.pending', paymentId: outcome.paymentId });
    case 'declined':
      return apply(deps, {
        ...base, type: 'payment.failed', paymentId: outcome.paymentId ?? event.checkoutId, reason: outcome.reason,
        message: 'PayPal did not complete the payment. Nothing was taken; please pay again.', requiresAction: false,
      });
    case 'not_approved':
      return ignored(`Checkout ${event.checkoutId} is not approved at the provider; nothing was taken.`);
  }
}

/** The names an event gives of whose money or card it is. */
interface ClaimedOwner {
  method: ProviderPaymentMethod;
  invoiceId?: string | undefined;
  billingCustomerId?: string | undefined;
  customerRef?: ProviderCustomerRef | undefined;
}

/**
 * Whose event this is: the customer of the invoice it names, or else the customer our metadata names,
 * or else the owner of the provider account. Every name the event gives must agree with the others and
 * with the provider account we linked to that customer.
 */
async function ownerOf(
  deps: ApplyPaymentEventDeps,
  event: ClaimedOwner,
): Promise<{ customer: Customer; invoice?: Invoice } | { refused: string }> {
  const invoice = event.invoiceId ? await deps.invoices.get(event.invoiceId) : undefined;
  if (event.invoiceId && !invoice) return { refused: `The event names invoice ${event.invoiceId}, which does not exist.` };
  const customerId = invoice?.customerId ?? event.billingCustomerId
    ?? (event.customerRef ? await deps.accounts.customerOf(event.method, event.customerRef) : undefined);
  if (!customerId) return { refused: 'The event names no customer of ours.' };
  if (event.billingCustomerId && event.billingCustomerId !== customerId) {
    return { refused: `The event is for customer ${event.billingCustomerId}, but invoice ${invoice?.label} is customer ${customerId}'s.` };
  }
  if (event.customerRef) {
    const linked = await deps.accounts.find(customerId, event.method);
    if (linked !== event.customerRef) {
      return { refused: `The provider's customer ${event.customerRef} is not the one linked to customer ${customerId}.` };
    }
  }
  const customer = await deps.customers.get(customerId);
  if (!customer) return { refused: `Customer ${customerId} does not exist.` };
  return { customer, ...(invoice ? { invoice } : {}) };
}

/** Shows or clears "payment pending" on an open invoice; a paid or void one is left as it is. */
async function markPending(deps: ApplyPaymentEventDeps, invoice: Invoice, pending: boolean): Promise<EventHandling> {
  for (let tries = 0; tries < 5; tries++) {
    const current = tries === 0 ? invoice : await deps.invoices.get(invoice.id);
    if (!current || current.status !== 'open') return ignored('The invoice is no longer open.');
    if (current.state.paymentPending === pending) return applied;
    try {
      await deps.invoices.save(current.markPaymentPending(pending), current.state.version);
      return applied;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`Invoice ${invoice.id} kept changing.`);
}
