import type { CardRepository } from '../ports/card-repository.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { PaymentEvent } from '../ports/payment-gateway.js';
import type { ProcessedEvents } from '../ports/processed-events.js';
import { forgetCard } from './forget-card.js';
import { type RecordPaymentDeps, recordPayment } from './record-payment.js';
import { saveCard } from './save-card.js';

export type EventHandling = 'applied' | 'duplicate' | 'not_applicable';

/**
 * Applies one verified card-processor event through the same use cases as the API. Every branch is
 * idempotent on its own (a payment is recorded once per processor id, a card saved once), so an event
 * delivered any number of times, in any order with the others, ends in the same state. The processed
 * log is written last: a crash before it only means the next delivery re-applies, harmlessly.
 */
export async function handleCardProcessorEvent(
  deps: RecordPaymentDeps & { customers: CustomerRepository; cards: CardRepository; events: ProcessedEvents },
  event: PaymentEvent,
): Promise<EventHandling> {
  if (await deps.events.seen('stripe', event.eventId)) return 'duplicate';
  const handling = await apply(deps, event);
  await deps.events.markProcessed('stripe', event.eventId, event.type, deps.clock.now());
  return handling;
}

async function apply(
  deps: RecordPaymentDeps & { customers: CustomerRepository; cards: CardRepository },
  event: PaymentEvent,
): Promise<EventHandling> {
  switch (event.type) {
    case 'payment.succeeded': {
      if (event.invoiceId) {
        await recordPayment(deps, { provider: 'stripe', externalId: event.paymentId, invoiceId: event.invoiceId, amount: event.amount });
      }
      const customer = event.billingCustomerId ? await deps.customers.get(event.billingCustomerId) : undefined;
      if (customer && event.paymentMethod) await saveCard(deps, { customer, card: event.paymentMethod });
      return event.invoiceId || event.paymentMethod ? 'applied' : 'not_applicable';
    }
    case 'card.saved': {
      const customer = event.billingCustomerId ? await deps.customers.get(event.billingCustomerId) : undefined;
      if (!customer) return 'not_applicable';
      await saveCard(deps, { customer, card: event.card });
      return 'applied';
    }
    case 'card.detached': {
      const card = await deps.cards.findById(event.cardId);
      const customer = card ? await deps.customers.get(card.customerId) : undefined;
      if (!card || !customer) return 'not_applicable';
      await forgetCard(deps, customer, card.id);
      return 'applied';
    }
    // A failed charge moves no money; the caller that charged has its answer already. Refunds and
    // disputes are for staff to handle: they are logged by the webhook handler, and change nothing here.
    case 'payment.failed':
    case 'payment.refunded':
    case 'payment.disputed':
      return 'not_applicable';
  }
}
