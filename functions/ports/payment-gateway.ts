import type { Money } from '../domain/money.js';

/**
 * What the use cases need from a card processor, in neutral terms. The Stripe adapter implements it;
 * no Stripe type crosses this line. Card numbers never do either: the processor's hosted page
 * collects them and we only ever see a saved card's public details.
 */
export interface PaymentGateway {
  /** The processor's customer for one billing customer; calling it again returns the same one. */
  ensureCustomer(input: EnsureCustomerInput): Promise<CustomerRef>;
  /** A hosted page where the customer pays an invoice amount (and, unless they opt out, saves the card). */
  startCheckout(input: StartCheckoutInput): Promise<HostedCheckout>;
  /** A hosted page where the customer saves a card without paying anything. */
  startCardSetup(input: StartCardSetupInput): Promise<HostedCardSetup>;
  /**
   * Charges a saved card with the customer absent. Declines and "needs the customer" are outcomes;
   * a passing fault throws `PaymentProviderUnavailableError`, after which the same call with the same
   * `idempotencyKey` is safe: it charges at most once.
   */
  chargeSavedCard(input: ChargeSavedCardInput): Promise<PaymentOutcome>;
  /** Removes a saved card at the processor, permanently. Removing an already removed card succeeds. */
  detachCard(cardId: string): Promise<void>;
  getCard(cardId: string): Promise<SavedCard>;
  /**
   * Checks a webhook's signature on the raw body and translates it. Throws `WebhookSignatureError`
   * when the signature is missing, wrong or stale; returns null for an event type we do not handle.
   */
  translateWebhook(rawBody: string | Uint8Array, signatureHeader: string | undefined): Promise<PaymentEvent | null>;
}

/** The processor's id for a billing customer (a Stripe `cus_…`). */
export type CustomerRef = string;

export interface EnsureCustomerInput {
  billingCustomerId: string;
  email: string;
  name?: string;
}

export interface StartCheckoutInput {
  customerRef: CustomerRef;
  billingCustomerId: string;
  invoiceId: string;
  /** Shown on the hosted page, e.g. "Invoice INV-2026-0042". */
  description: string;
  amount: Money;
  /** False when the customer chose not to keep the card for automatic billing. */
  saveCard: boolean;
  /** May contain `{CHECKOUT_SESSION_ID}`, which the processor replaces with the session id. */
  successUrl: string;
  cancelUrl: string;
}

export interface HostedCheckout {
  redirectUrl: string;
  sessionId: string;
}

export interface StartCardSetupInput {
  customerRef: CustomerRef;
  billingCustomerId: string;
  /** The currency the customer is billed in. */
  currency: Money['currency'];
  successUrl: string;
  cancelUrl: string;
}

export interface HostedCardSetup {
  redirectUrl: string;
  sessionId: string;
}

export interface ChargeSavedCardInput {
  customerRef: CustomerRef;
  billingCustomerId: string;
  cardId: string;
  invoiceId: string;
  amount: Money;
  /** One key per invoice and attempt (e.g. `charge-<invoiceId>-<attempt>`), reused on every retry of it. */
  idempotencyKey: string;
}

/** A saved card's public details: all we ever keep of a card. */
export interface SavedCard {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** What became of a charge. Declines are outcomes, not exceptions. */
export type PaymentOutcome =
  | { kind: 'succeeded'; paymentId: string; invoiceId: string; amount: Money }
  | {
      kind: 'declined';
      /** The processor's reason in snake case, e.g. `insufficient_funds`, `generic_decline`. */
      reason: string;
      /** A sentence for the customer: "Your card was declined: insufficient funds." */
      message: string;
      paymentId?: string;
    }
  /** The bank wants the customer present: send them a link to pay on-session; not a plain failure. */
  | { kind: 'requires_action'; paymentId: string; actionUrl?: string }
  /** Accepted but not final; the webhook will tell. */
  | { kind: 'processing'; paymentId: string };

/** Every event carries the processor's event id, for permanent de-duplication. */
interface EventBase {
  eventId: string;
  /** When the processor created the event (ISO 8601). */
  occurredAt: string;
}

export type PaymentEvent =
  | (EventBase & {
      type: 'payment.succeeded';
      paymentId: string;
      invoiceId?: string;
      billingCustomerId?: string;
      customerRef: CustomerRef;
      amount: Money;
      /** Set when the payment also saved the card for later use. */
      paymentMethod?: SavedCard;
    })
  | (EventBase & {
      type: 'payment.failed';
      paymentId: string;
      invoiceId?: string;
      billingCustomerId?: string;
      customerRef?: CustomerRef;
      reason: string;
      message: string;
      /** The bank asked for the customer (3-D Secure); offer an on-session payment. */
      requiresAction: boolean;
    })
  | (EventBase & {
      type: 'card.saved';
      customerRef: CustomerRef;
      billingCustomerId?: string;
      card: SavedCard;
    })
  | (EventBase & { type: 'card.detached'; cardId: string; customerRef?: CustomerRef })
  | (EventBase & {
      type: 'payment.refunded';
      paymentId: string;
      invoiceId?: string;
      customerRef?: CustomerRef;
      /** Everything refunded on this payment so far (refunds add up). */
      totalRefunded: Money;
    })
  | (EventBase & {
      type: 'payment.disputed';
      paymentId: string;
      invoiceId?: string;
      amount: Money;
    });

export type PaymentEventType = PaymentEvent['type'];

/** A passing fault at the processor (network, 5xx, rate limit). Nothing was charged twice. */
export class PaymentProviderUnavailableError extends Error {
  override readonly name = 'PaymentProviderUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super(
      'The card processor had a temporary problem. Nothing was charged twice; please try again in a few minutes.',
      options,
    );
  }
}

/** The processor refused a request for a reason that retrying will not fix (a bug or a bad setting). */
export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
  constructor(
    readonly reason: 'idempotency_key_reused' | 'invalid_request' | 'not_authorized' | 'unexpected',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A webhook whose signature is missing, wrong, or outside the time tolerance. Answer 400. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}
