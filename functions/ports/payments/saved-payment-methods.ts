import type { Money } from '../../domain/money.js';
import type { ProcessorFeeReading } from '../../domain/processor-fee.js';
import type { ProviderCustomerRef } from './provider-customers.js';

/** A saved card's public details as the provider reports them: all we ever keep of a card. */
export interface CardDetails {
  /** The provider's token (a Stripe PaymentMethod `pm_…`). */
  readonly id: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
}

export interface ChargeSavedMethodInput {
  readonly customerRef: ProviderCustomerRef;
  readonly billingCustomerId: string;
  readonly methodId: string;
  readonly invoiceId: string;
  readonly amount: Money;
  /** One key per invoice and attempt (`charge-<invoiceId>-<attempt>`), reused on every retry of it. */
  readonly idempotencyKey: string;
}

/** What became of a charge of a saved method. Declines are outcomes, not exceptions. */
export type ChargeOutcome =
  | {
      kind: 'succeeded'; paymentId: string; amount: Money;
      /**
       * What the processor kept, when its answer says so (Stripe: the charge's balance transaction,
       * expanded in the same request), so that a burst of charges makes no second request per charge
       * to read it; absent when not booked yet (the outbox then reads it later).
       */
      fee?: ProcessorFeeReading;
    }
  | {
      kind: 'declined';
      /** The provider's reason in snake case, e.g. `insufficient_funds`, `generic_decline`. */
      reason: string;
      /** A sentence for the customer: "Your card was declined: insufficient funds." */
      message: string;
      paymentId?: string;
    }
  /** The bank wants the customer present: send them a link to pay on-session; not a plain failure. */
  | { kind: 'requires_action'; paymentId: string; actionUrl?: string }
  /** Accepted but not final; the webhook will tell. */
  | { kind: 'processing'; paymentId: string };

/** Providers that keep a payment method for later charges with the customer absent (cards). */
export interface SavedPaymentMethods {
  /**
   * A hosted page where the customer saves a method without paying anything.
   * @throws PaymentProviderUnavailableError on a passing fault
   */
  startSetup(input: {
    customerRef: ProviderCustomerRef; billingCustomerId: string; currency: Money['currency']; successUrl: string; cancelUrl: string;
  }): Promise<{ redirectUrl: string; checkoutId: string }>;
  /**
   * Charges a saved method with the customer absent. A passing fault throws
   * `PaymentProviderUnavailableError`, after which the same call with the same `idempotencyKey` is
   * safe: it charges at most once (Stripe replays its first answer: docs.stripe.com/idempotency).
   */
  charge(input: ChargeSavedMethodInput): Promise<ChargeOutcome>;
  /** Removes a saved method at the provider, permanently. Removing one already removed succeeds. */
  detach(methodId: string): Promise<void>;
}
