import type { Money } from '../domain/money.js';
import type { PaymentMethod } from '../domain/payment.js';

import type { BillingEvent } from './event-publisher.js';
import type { InvoiceEmailKind } from './invoice-email-composer.js';

/** One email about an invoice; `attempt` or `paymentRef` tell apart the emails of one kind. */
export interface InvoiceEmailRequest {
  readonly kind: InvoiceEmailKind;
  readonly invoiceId: string;
  /** The dunning attempt a decline or a confirm-payment email is about. */
  readonly attempt?: number;
  /** The payment a receipt is for. */
  readonly paymentRef?: { readonly method: PaymentMethod; readonly externalId: string };
  /** Why a payment was declined, in a sentence for the customer. */
  readonly reason?: string;
  /** A decline: the card that was charged, as the customer knows it. */
  readonly card?: { readonly brand: string; readonly last4: string };
  /**
   * A decline or a confirmation request: when the card is tried again (ISO 8601); absent when this
   * was the last automatic attempt.
   */
  readonly nextAttemptAt?: string;
}

/** Money added to the account (Add Funds), by the payment that brought it. */
export interface FundsReceiptRequest {
  readonly method: PaymentMethod;
  readonly externalId: string;
}

/** What an invoice's scheduled work is: the reminder before it is due, and each charge attempt. */
export interface InvoiceScheduleEntry {
  readonly action: 'remind' | 'charge';
  /** 0 for the due date's charge, then 1, 2, 3… for the retries; 0 for the reminder. */
  readonly step: number;
  /** When it fires (ISO 8601, UTC). */
  readonly at: string;
}

/**
 * Something a change to the books must cause outside them: an email, or scheduled work created or
 * deleted. Written as an outbox item in the SAME DynamoDB transaction as the change, so that it
 * happens once the change is made, and never for a change that rolled back; the stream consumer then
 * performs it, once per `key` (DESIGN.md: "Outbox by stream").
 */
export type OutboxEffect =
  | { readonly kind: 'email'; readonly key: string; readonly email: InvoiceEmailRequest }
  | { readonly kind: 'schedule'; readonly key: string; readonly invoiceId: string; readonly entries: readonly InvoiceScheduleEntry[] }
  | { readonly kind: 'unschedule'; readonly key: string; readonly invoiceId: string }
  /** An event for the provider's automation, published once per its dedupe key. */
  | { readonly kind: 'event'; readonly key: string; readonly event: BillingEvent }
  /** The invoice became paid: its `invoice.paid` event, and what it means for the services it bills. */
  | { readonly kind: 'invoice_paid'; readonly key: string; readonly invoiceId: string }
  /** Money was added to the account (Add Funds): its receipt, sent once per payment. */
  | { readonly kind: 'funds_receipt'; readonly key: string; readonly payment: FundsReceiptRequest }
  /** A card payment was recorded: read what the processor kept of it and record it with the payment. */
  | { readonly kind: 'processor_fee'; readonly key: string; readonly method: 'card'; readonly externalId: string }
  /** Money was received: count it into its day's income (tally-income.ts). */
  | { readonly kind: 'tally'; readonly key: string; readonly method: PaymentMethod; readonly externalId: string; readonly amount: Money; readonly receivedAt: string };

/**
 * The key an email is sent once under: `<invoiceId>#<kind>#<attempt or payment>`, with `-` when the
 * kind has neither (an invoice is issued once and reminded once).
 */
export function invoiceEmailKey(email: Pick<InvoiceEmailRequest, 'kind' | 'invoiceId' | 'paymentRef' | 'attempt'>): string {
  const which = email.attempt !== undefined ? String(email.attempt)
    : email.paymentRef ? `${email.paymentRef.method}:${email.paymentRef.externalId}` : '-';
  return `${email.invoiceId}#${email.kind}#${which}`;
}

/** The outbox item's key for an email: the email's own key, so one change never queues it twice. */
export const emailEffect = (email: InvoiceEmailRequest): OutboxEffect => ({ kind: 'email', key: `email#${invoiceEmailKey(email)}`, email });

/**
 * Sends one email about an invoice, once per `invoiceEmailKey(email)`: a second call for the same
 * email (the stream delivering the outbox item again, a schedule firing twice) sends nothing.
 * `holder`: the work this send is part of (an outbox item's id); that work delivered again takes over
 * a send it left unfinished at once (see SentEmails).
 * @throws on a passing fault, or while another call is sending the same email, so that the caller's
 *   stream or queue delivers the work again
 */
export interface InvoiceEmails {
  send(email: InvoiceEmailRequest, holder?: string): Promise<void>;
}

/** The outbox item for the receipt of funds added: keyed by the payment, so it is queued once. */
export const fundsReceiptEffect = (payment: FundsReceiptRequest): OutboxEffect => ({
  kind: 'funds_receipt', key: `email#${fundsReceiptKey(payment)}`, payment: { method: payment.method, externalId: payment.externalId },
});

/** The key the receipt of funds added is sent once under: `funds#funds_receipt#<method>:<payment id>`. */
export function fundsReceiptKey(payment: FundsReceiptRequest): string {
  return `funds#funds_receipt#${payment.method}:${payment.externalId}`;
}

/**
 * Sends the receipt of funds added, once per `fundsReceiptKey` (as InvoiceEmails: `holder` is the
 * work it is part of).
 * @throws on a passing fault, or while another call is sending it, so that the stream delivers again
 */
export interface FundsReceipts {
  send(payment: FundsReceiptRequest, holder?: string): Promise<void>;
}

/** The outbox item's key for an event: the event's own dedupe key. */
export const eventEffect = (event: BillingEvent): OutboxEffect => ({ kind: 'event', key: `event#${event.dedupeKey}`, event });
