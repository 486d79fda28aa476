import { type Customer, currentEmailBounce } from '../domain/customer.js';
import { NotFoundError } from '../domain/errors.js';
import { type Invoice, billedTo } from '../domain/invoice.js';
import { type Money, sum } from '../domain/money.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceDocumentRenderer, Seller } from '../ports/invoice-document-renderer.js';
import type { CardShown, InvoiceEmail, InvoiceEmailComposer } from '../ports/invoice-email-composer.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { Mailer, MailAttachment } from '../ports/mailer.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import { type InvoiceEmailRequest, invoiceEmailKey } from '../ports/outbox.js';
import type { SentEmails } from '../ports/sent-emails.js';
import { renderInvoiceDocument } from './steps/render-invoice-document.js';
import { EmailSendInProgressError, type SendEmailResult, sendEmailOnce } from './steps/send-email-once.js';

export interface SendInvoiceEmailDeps {
  readonly invoices: Pick<InvoiceRepository, 'get'>;
  readonly customers: Pick<CustomerRepository, 'get'>;
  readonly ledger: Pick<PaymentLedger, 'findPayment' | 'listInvoicePayments'>;
  readonly cards: Pick<CardRepository, 'get'>;
  readonly composer: InvoiceEmailComposer;
  /** Renders the PDF attached to `invoice_issued`. */
  readonly renderer: InvoiceDocumentRenderer;
  readonly seller: Seller;
  readonly mailer: Mailer;
  readonly sentEmails: SentEmails;
  readonly clock: Clock;
}

/** Which email: its kind, the invoice, and the attempt or payment that tells apart emails of one kind. */
export type SendInvoiceEmailInput = InvoiceEmailRequest;

/** How sending an invoice email ended (see sendEmailOnce). */
export type SendInvoiceEmailResult = SendEmailResult;
export { EmailSendInProgressError };


/**
 * Sends one invoice email, exactly once per dedupe key (`invoiceEmailKey`).
 *
 *  1. Claim the key with one conditional put. Done before: nothing to do. Held by another call:
 *     throw EmailSendInProgressError (try later).
 *  2. Load the invoice, who it is billed to, and the customer; for a receipt, the payment; for the
 *     issue email and the reminder, the card automatic billing will charge.
 *  3. Skip, and record why, when the customer's current address bounces, or the invoice no longer
 *     needs the email (a reminder, decline or confirmation request for an invoice no longer open; a
 *     void notice for an invoice that is not void).
 *  4. Render it (the PDF attached to `invoice_issued`) and send it to the address the invoice was issued to.
 *  5. Complete the claim with the message id; a refusal completes it with the mail service's reason.
 *     A passing fault (or any other error) releases the claim and is rethrown, so a retry sends it.
 *
 * At most once, except in one window: a process that dies after SES accepted the message and before
 * the claim is completed leaves the claim in progress; once its lease has run out, a retry sends the
 * email a second time.
 */
export async function sendInvoiceEmail(
  deps: SendInvoiceEmailDeps,
  input: SendInvoiceEmailInput,
  options: { readonly holder?: string } = {},
): Promise<SendInvoiceEmailResult> {
  return sendEmailOnce(deps, invoiceEmailKey(input), options.holder, async () => {
    const prepared = await prepare(deps, input);
    if ('skip' in prepared) return prepared;
    const { email, customer } = prepared;
    const rendered = deps.composer.compose(email);
    const attachments = email.kind === 'invoice_issued' ? [await pdfOf(deps, email.invoice, customer)] : [];
    // The customer's address now: they may have changed it since the invoice was issued.
    return {
      to: customer.email, ...rendered, ...(attachments.length ? { attachments } : {}),
      tags: { kind: input.kind, invoiceId: input.invoiceId },
    };
  });
}

type Prepared = { email: InvoiceEmail; customer: Customer } | { skip: string };

async function prepare(deps: SendInvoiceEmailDeps, input: SendInvoiceEmailInput): Promise<Prepared> {
  const invoice = await deps.invoices.get(input.invoiceId);
  if (!invoice) throw new NotFoundError('Invoice');
  const customer = await deps.customers.get(invoice.customerId);
  if (!customer) throw new NotFoundError('Customer');
  const billTo = billedTo(invoice, customer);
  const bounce = currentEmailBounce(customer);
  if (bounce) return { skip: `Email to ${bounce.address} bounced on ${bounce.at}: ${bounce.diagnostic}` };
  const stillOwed = invoice.status === 'open' && invoice.amountDue.amountMinor > 0;
  switch (input.kind) {
    case 'invoice_issued': {
      // Credit applied at issue is shown as such beside the total, not left to look like the total.
      const creditApplied = invoice.amountPaid.amountMinor > 0 ? await creditAppliedTo(deps, invoice) : undefined;
      const card = stillOwed ? await autopayCardOf(deps, customer) : undefined;
      return {
        customer,
        email: { kind: input.kind, invoice, billTo, pdfAttached: true, ...(creditApplied ? { creditApplied } : {}), ...(card ? { autopayCard: card } : {}) },
      };
    }
    case 'invoice_reminder': {
      if (!stillOwed) return { skip: `The invoice is ${invoice.status} with nothing due: no reminder needed.` };
      const card = await autopayCardOf(deps, customer);
      return { customer, email: { kind: input.kind, invoice, billTo, ...(card ? { autopayCard: card } : {}) } };
    }
    case 'invoice_voided':
      if (invoice.status !== 'void') return { skip: `The invoice is ${invoice.status}, not void.` };
      return { customer, email: { kind: input.kind, invoice, billTo } };
    case 'payment_receipt': {
      if (!input.paymentRef) throw new RangeError('A payment receipt needs the payment (paymentRef)');
      const payment = await deps.ledger.findPayment(input.paymentRef.method, input.paymentRef.externalId);
      if (!payment) throw new NotFoundError('Payment');
      return { customer, email: { kind: input.kind, invoice, billTo, payment } };
    }
    case 'payment_declined':
      if (!stillOwed) return { skip: `The invoice is ${invoice.status} with nothing due: the decline no longer matters.` };
      return {
        customer,
        email: {
          kind: input.kind, invoice, billTo, reason: input.reason ?? 'Your card was declined.',
          ...(input.card ? { card: input.card } : {}), ...(input.nextAttemptAt ? { nextAttemptAt: input.nextAttemptAt } : {}),
        },
      };
    case 'payment_action_required':
      if (!stillOwed) return { skip: `The invoice is ${invoice.status} with nothing due: nothing to confirm.` };
      return { customer, email: { kind: input.kind, invoice, billTo } };
  }
}

/** The card the due-date charge will use, as the customer knows it: when automatic billing is on and a default card is saved. */
async function autopayCardOf(deps: SendInvoiceEmailDeps, customer: Customer): Promise<CardShown | undefined> {
  const card = customer.autopay && customer.defaultCardId ? await deps.cards.get(customer.id, customer.defaultCardId) : undefined;
  return card ? { brand: card.brand, last4: card.last4 } : undefined;
}

/** What the account credit has paid of the invoice (its share of each credit payment); undefined when nothing. */
async function creditAppliedTo(deps: SendInvoiceEmailDeps, invoice: Invoice): Promise<Money | undefined> {
  const payments = await deps.ledger.listInvoicePayments(invoice.id);
  const shares = payments.filter((p) => p.method === 'credit').map((p) => p.appliedToInvoice);
  return shares.length ? sum(invoice.total.currency, shares) : undefined;
}

/** The invoice's PDF, as the customer downloads it from the invoice's page (billed to whom it was issued to). */
async function pdfOf(deps: SendInvoiceEmailDeps, invoice: Invoice, customer: Customer): Promise<MailAttachment> {
  const content = await renderInvoiceDocument(deps, invoice, customer);
  return { fileName: `invoice-${invoice.state.number}.pdf`, contentType: 'application/pdf', content };
}
