import type { PaymentMethod } from '../domain/payment.js';

/** The emails the system sends about invoices (their templates: see the email adapter). */
export const INVOICE_EMAIL_KINDS = ['invoice_issued', 'invoice_reminder', 'payment_receipt', 'payment_declined', 'payment_action_required'] as const;
export type InvoiceEmailKind = (typeof INVOICE_EMAIL_KINDS)[number];

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
  | { readonly kind: 'unschedule'; readonly key: string; readonly invoiceId: string };

/** The key that makes an email once-only: one per invoice, kind and attempt (or payment). */
export function emailKey(email: InvoiceEmailRequest): string {
  const which = email.paymentRef ? `${email.paymentRef.method}:${email.paymentRef.externalId}` : String(email.attempt ?? 0);
  return `email#${email.invoiceId}#${email.kind}#${which}`;
}

export const emailEffect = (email: InvoiceEmailRequest): OutboxEffect => ({ kind: 'email', key: emailKey(email), email });

/**
 * Sends one email about an invoice, once per key: a second call with the same key (the stream
 * delivering the outbox item again) sends nothing.
 * @throws on a passing fault, so that the stream delivers the outbox item again
 */
export interface InvoiceEmails {
  send(email: InvoiceEmailRequest, key: string): Promise<void>;
}
