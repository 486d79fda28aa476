import type { Money } from '../../domain/money.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { ProviderCustomerRef } from './provider-customers.js';
import type { CardDetails } from './saved-payment-methods.js';

/** What every event carries: the provider's event id, and when the provider created it. */
interface EventBase {
  readonly eventId: string;
  /** ISO 8601, UTC. */
  readonly occurredAt: string;
}

/** Whose money it is, as the provider reports it; checked against our records before anything moves. */
interface Owner {
  /** Our customer id, from the metadata we gave the provider. */
  readonly billingCustomerId?: string;
  /** The provider's own customer (absent for providers without customers, such as BTCPay). */
  readonly customerRef?: ProviderCustomerRef;
}

/**
 * A provider's webhook in neutral terms: the one shape every provider's translator produces and the
 * use cases handle (STYLE.md #7). Payments name what they were for: an invoice, or nothing (Add
 * Funds), in which case the money becomes account credit.
 */
export type PaymentEvent =
  /** Money arrived (a capture, a settled crypto invoice). Carries the card when the payment saved it. */
  | (EventBase & Owner & {
      type: 'payment.succeeded';
      method: ProviderPaymentMethod;
      paymentId: string;
      invoiceId?: string;
      /** Several invoices paid together: the batch we recorded when the payment started. */
      batchId?: string;
      amount: Money;
      /** The checkout it was paid on, when the event says. */
      checkoutId?: string;
      /** The card it was paid with, for the receipt (brand and last 4 only). */
      card?: { brand: string; last4: string };
      savedCard?: CardDetails;
      /**
       * This is the payment the invoice showed as pending (a crypto checkout's), now final: "payment
       * pending" ends even when it leaves part of the invoice due.
       */
      endsPending?: boolean;
      /**
       * A subscription's payment (a PayPal sale with its `billing_agreement_id`): it pays the oldest
       * open invoice of the service the subscription is for, or becomes credit.
       */
      subscriptionId?: string;
      /** The service the subscription says it is for (our id, carried by the provider). */
      serviceId?: string;
    })
  /**
   * The customer approved a payment on the provider's page, and the money is ours to take (a PayPal
   * order): captured only while the checkout is still the invoice's live one.
   */
  | (EventBase & Owner & {
      type: 'checkout.approved';
      method: ProviderPaymentMethod;
      checkoutId: string;
      invoiceId?: string;
      amount: Money;
    })
  /**
   * A hosted checkout closed without a payment (it expired, or we expired it). `endsPending`: any
   * payment it showed as pending will not come (a crypto checkout that expired or went invalid).
   */
  | (EventBase & { type: 'checkout.closed'; method: ProviderPaymentMethod; checkoutId: string; invoiceId?: string; endsPending?: boolean })
  /** Paid but not final (crypto confirmations, a PayPal eCheck): show "payment pending". */
  | (EventBase & Owner & { type: 'payment.pending'; method: ProviderPaymentMethod; paymentId: string; invoiceId?: string; checkoutId?: string })
  | (EventBase & Owner & {
      type: 'payment.failed';
      method: ProviderPaymentMethod;
      paymentId: string;
      invoiceId?: string;
      reason: string;
      message: string;
      /** The bank asked for the customer (3-D Secure); offer an on-session payment. */
      requiresAction: boolean;
      /** The checkout whose payment failed (a PayPal order whose capture was denied): it can take nothing now. */
      checkoutId?: string;
    })
  | (EventBase & Owner & { type: 'card.saved'; card: CardDetails })
  | (EventBase & { type: 'card.detached'; cardId: string; customerRef?: ProviderCustomerRef })
  /**
   * Money of a payment went back. Recorded by the refund it names (`refund`): one we asked for
   * (`reference` is then our request id) changes nothing more; one made at the provider's dashboard
   * is recorded for staff. An event that names no refund (only the running total) changes nothing.
   */
  | (EventBase & {
      type: 'payment.refunded';
      method: ProviderPaymentMethod;
      paymentId: string;
      invoiceId?: string;
      /** Everything refunded on this payment so far (refunds add up), when the event says. */
      totalRefunded?: Money;
      /** The one refund this event is about, when it names one. */
      refund?: { refundId: string; amount: Money; reference?: string };
    })
  /**
   * A subscription changed at the provider (activated, suspended, cancelled, a payment failed): the
   * use case asks the provider where it stands now, so these may arrive in any order.
   */
  | (EventBase & { type: 'subscription.changed'; method: ProviderPaymentMethod; subscriptionId: string; serviceId?: string; paymentFailed?: boolean })
  | (EventBase & { type: 'payment.disputed'; method: ProviderPaymentMethod; paymentId: string; invoiceId?: string; amount: Money });

export type PaymentEventType = PaymentEvent['type'];
