import type Stripe from 'stripe';
import type { PaymentEvent } from '../../../ports/payments/payment-events.js';
import type { CardDetails } from '../../../ports/payments/saved-payment-methods.js';

/** Reads an event may need from Stripe; webhooks carry ids, not the card's details. */
export interface StripeLookups {
  card(paymentMethodId: string): Promise<CardDetails>;
  /** The card a payment was made with, and whether the payment saved it for later use. */
  cardOfPayment(paymentIntentId: string): Promise<{ card: CardDetails; saved: boolean } | undefined>;
  /** The card a completed setup saved. */
  cardOfSetup(setupIntentId: string): Promise<CardDetails | undefined>;
}

/** Turns one verified Stripe event into a neutral event, or null when it is none of ours. */
export type EventTranslator<E extends Stripe.Event> = (event: E, lookups: StripeLookups) => Promise<PaymentEvent | null>;

export function eventBase(event: Stripe.Event): { eventId: string; occurredAt: string } {
  return { eventId: event.id, occurredAt: new Date(event.created * 1000).toISOString() };
}

/** An expandable reference (`"cus_…"` or the object) as its id. */
export function idOf(ref: string | { id?: string } | null | undefined): string | undefined {
  if (!ref) return undefined;
  return typeof ref === 'string' ? ref : ref.id;
}

/** What a receipt shows of a card: its brand and last 4 digits, nothing else. */
export function receiptCard(card: CardDetails | undefined): { brand: string; last4: string } | undefined {
  return card ? { brand: card.brand, last4: card.last4 } : undefined;
}
