import type { BillTo, Invoice } from '../domain/invoice.js';
import type { Money } from '../domain/money.js';
import type { Payment } from '../domain/payment.js';

/** The emails an invoice causes, in the order a customer meets them. */
export const INVOICE_EMAIL_KINDS = [
  'invoice_issued', 'invoice_reminder', 'payment_receipt', 'payment_declined', 'payment_action_required', 'invoice_voided',
] as const;
export type InvoiceEmailKind = (typeof INVOICE_EMAIL_KINDS)[number];

/**
 * What one invoice email says, by kind. `billTo` is who the invoice was issued to (name and email).
 * `creditApplied`: how much of the invoice the account credit paid (at issue, or since).
 * A decline names the `card` charged and when it is tried again (`nextAttemptAt`, ISO 8601), or,
 * without it, that this was the last automatic attempt.
 */
export type InvoiceEmail =
  /** `autopayCard`: the card the due-date charge will use, when automatic billing is on and something is due. */
  | {
      readonly kind: 'invoice_issued'; readonly invoice: Invoice; readonly billTo: BillTo; readonly pdfAttached: boolean;
      readonly creditApplied?: Money; readonly autopayCard?: CardShown;
    }
  /** `autopayCard`: the card the due-date charge will use, when automatic billing is on. */
  | { readonly kind: 'invoice_reminder'; readonly invoice: Invoice; readonly billTo: BillTo; readonly autopayCard?: CardShown }
  | { readonly kind: 'payment_receipt'; readonly invoice: Invoice; readonly billTo: BillTo; readonly payment: Payment }
  /** `reason`: the sentence the customer reads for the decline ("Your card was declined: insufficient funds."). */
  | {
      readonly kind: 'payment_declined'; readonly invoice: Invoice; readonly billTo: BillTo; readonly reason: string;
      readonly card?: CardShown; readonly nextAttemptAt?: string;
    }
  | { readonly kind: 'payment_action_required'; readonly invoice: Invoice; readonly billTo: BillTo }
  /** The invoice was cancelled (voided): nothing is owed on it, and nothing will be charged. */
  | { readonly kind: 'invoice_voided'; readonly invoice: Invoice; readonly billTo: BillTo };

export interface CardShown {
  readonly brand: string;
  readonly last4: string;
}

/** A rendered email: the subject, and the same message as HTML and as plain text. */
export interface ComposedEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

/** Renders invoice emails in the seller's look, with links into the web app. Pure: no I/O. */
export interface InvoiceEmailComposer {
  compose(email: InvoiceEmail): ComposedEmail;
}
