import type { Invoice } from '../../domain/invoice.js';
import { type Money, money } from '../../domain/money.js';
import type { Payment } from '../../domain/payment.js';
import type { Seller } from '../../ports/invoice-document-renderer.js';
import type { ComposedEmail, InvoiceEmail, InvoiceEmailComposer } from '../../ports/invoice-email-composer.js';
import { formatAmount, formatDate, formatInvoiceNumber } from '../pdf/invoice-formats.js';
import { type EmailContent, type Fact, renderEmail } from './email-layout.js';
import { cardLabel, paymentMethodLabel } from '../pdf/payment-label.js';

/**
 * The invoice emails, in the one look of functions/adapters/email/email-layout.ts. Amounts, dates and
 * invoice numbers are formatted by the same functions as the invoice PDF (../pdf/invoice-formats.ts),
 * so an email and its PDF agree to the character. Links go to the invoice's page in the web app
 * (`<appUrl>/invoices/<id>`), where the customer pays at the top right.
 */
export class HtmlInvoiceEmailComposer implements InvoiceEmailComposer {
  /** @param appUrl the web app's origin, without a trailing slash */
  constructor(private readonly seller: Seller, private readonly appUrl: string) {}

  compose(email: InvoiceEmail): ComposedEmail {
    return renderEmail(this.content(email), this.seller);
  }

  private content(email: InvoiceEmail): EmailContent {
    const { invoice, billTo } = email;
    const number = formatInvoiceNumber(invoice.state.number);
    const due = formatDate(invoice.state.dueDate);
    const amountDue = formatAmount(invoice.amountDue);
    const greeting = `Hello ${billTo.name},`;
    const page = this.invoicePage(invoice);
    switch (email.kind) {
      case 'invoice_issued': {
        const settled = invoice.amountDue.amountMinor === 0;
        return {
          // Paid at issue (account credit): the subject says so, rather than asking for 0.00.
          subject: settled ? `Invoice ${number} from ${this.seller.name}: paid, nothing to pay` : `Invoice ${number} from ${this.seller.name}: ${amountDue} due ${due}`,
          preheader: settled ? `Invoice ${number}: nothing to pay.` : `${amountDue} due on ${due}.`,
          heading: `Invoice ${number}`,
          paragraphs: [
            greeting,
            issuedSentence(this.seller.name, number, invoice, email.creditApplied, due),
            ...(email.autopayCard && !settled
              ? [`Automatic billing is on: your ${cardLabel(email.autopayCard)} will be charged ${amountDue} on ${due}, unless the invoice is paid before then.`]
              : []),
          ],
          facts: this.totals(invoice, [['Invoice', number], ['Issued', formatDate(invoice.state.issuedAt)], ['Due', due]], email.creditApplied),
          lines: invoice.state.lines.map((line) => [line.description, formatAmount(line.amount)] as const),
          action: { label: settled ? 'View the invoice' : 'View and pay the invoice', url: page },
          closing: [email.pdfAttached ? 'The invoice is attached as a PDF.' : 'You can download the invoice as a PDF from its page.'],
        };
      }
      case 'invoice_reminder':
        return {
          subject: `Reminder: invoice ${number} (${amountDue}) is due on ${due}`,
          preheader: `${amountDue} due on ${due}.`,
          heading: `Invoice ${number} is due on ${due}`,
          paragraphs: [
            greeting,
            email.autopayCard
              ? `Invoice ${number} for ${amountDue} is due on ${due}. Your ${cardLabel(email.autopayCard)} will be charged automatically on that day; you need do nothing.`
              : `Invoice ${number} for ${amountDue} is due on ${due}. Please pay it by then.`,
          ],
          facts: this.totals(invoice, [['Invoice', number], ['Due', due]]),
          action: { label: email.autopayCard ? 'View the invoice' : 'Pay the invoice', url: page },
        };
      case 'payment_receipt': {
        const { payment } = email;
        const applied = appliedTo(payment, invoice.id);
        // One payment for several invoices: each receipt is for its own invoice's share.
        const together = payment.allocations && payment.allocations.length > 1 ? payment.allocations.length : 0;
        const paid = formatAmount(together && applied ? applied : payment.amount);
        const facts: Fact[] = [
          ['Invoice', number], ['Date', formatDate(payment.receivedAt)], ['Paid with', paymentMethodLabel(payment)],
          ...(!together && applied && applied.amountMinor !== payment.amount.amountMinor ? [['Applied to this invoice', formatAmount(applied)] as const] : []),
          ...(together ? [['Whole payment', `${formatAmount(payment.amount)} for ${together} invoices`] as const] : []),
          ['Still due', amountDue],
          ['Amount paid', paid],
        ];
        return {
          subject: `Receipt for invoice ${number}: ${paid} paid`,
          preheader: `We received ${paid}. Thank you.`,
          heading: 'Thank you for your payment',
          paragraphs: [
            greeting,
            `We received ${paid} for invoice ${number} on ${formatDate(payment.receivedAt)}`
              + (together ? `, as part of one payment of ${formatAmount(payment.amount)} for ${together} invoices.` : '.')
              + (invoice.amountDue.amountMinor === 0 ? ' The invoice is paid in full.' : ` ${amountDue} is still due.`),
            // More than was due: where the rest went, so that the customer is not left to wonder.
            ...(!together && applied && applied.amountMinor < payment.amount.amountMinor
              ? [`${formatAmount(money(payment.amount.amountMinor - applied.amountMinor, payment.amount.currency))} more than was due became account credit, which pays your next invoices.`]
              : []),
          ],
          facts,
          action: { label: 'View the invoice', url: page },
          closing: ['Keep this email as your receipt; the invoice’s PDF shows the payment too.'],
        };
      }
      case 'payment_declined':
        return {
          subject: `Payment for invoice ${number} was declined`,
          preheader: `${amountDue} is still due.`,
          heading: 'Your payment did not go through',
          paragraphs: [
            greeting,
            `We tried to charge ${amountDue} for invoice ${number}${email.card ? ` to your ${cardLabel(email.card)}` : ''}, and it did not go through.`,
            email.reason,
            email.nextAttemptAt
              ? `We will try the card again on ${formatDate(email.nextAttemptAt)}. To avoid that, pay the invoice with another card or another method, or update your card.`
              : 'That was the last automatic attempt: we will not charge the card again. Please pay the invoice with another card or another method.',
          ],
          facts: this.totals(invoice, [
            ['Invoice', number], ['Due', due], ...(email.card ? [['Card', cardLabel(email.card)] as const] : []),
            ['Next attempt', email.nextAttemptAt ? formatDate(email.nextAttemptAt) : 'None: that was the last'],
          ]),
          action: { label: 'Pay the invoice', url: page },
        };
      case 'payment_action_required':
        return {
          subject: `Please confirm your payment for invoice ${number}`,
          preheader: `Your bank asks you to confirm a payment of ${amountDue}.`,
          heading: 'Your bank asks you to confirm this payment',
          paragraphs: [
            greeting,
            `We tried to charge ${amountDue} for invoice ${number} to your saved card, and your bank asks you to confirm the payment yourself.`,
            'Open the invoice while signed in and pay it by card: your bank will ask you to confirm, and the invoice is paid.',
          ],
          facts: this.totals(invoice, [['Invoice', number], ['Due', due]]),
          action: { label: 'Confirm the payment', url: page },
        };
      case 'invoice_voided':
        return {
          subject: `Invoice ${number} from ${this.seller.name} has been cancelled`,
          preheader: `Invoice ${number}: nothing to pay.`,
          heading: `Invoice ${number} is cancelled`,
          paragraphs: [
            greeting,
            `${this.seller.name} has cancelled invoice ${number} for ${formatAmount(invoice.total)}. You do not need to pay it, and nothing will be charged for it.`,
          ],
          facts: [['Invoice', number], ['Issued', formatDate(invoice.state.issuedAt)], ['Total', formatAmount(invoice.total)], ['Amount due', formatAmount(money(0, invoice.total.currency))]],
          action: { label: 'View the invoice', url: page },
        };
    }
  }

  private totals(invoice: Invoice, before: Fact[], creditApplied?: Money): Fact[] {
    const fromCredit = creditApplied && creditApplied.amountMinor > 0 ? creditApplied : undefined;
    const paidOtherwise = invoice.amountPaid.amountMinor - (fromCredit?.amountMinor ?? 0);
    const paid: Fact[] = invoice.amountPaid.amountMinor > 0
      ? [
          ['Total', formatAmount(invoice.total)],
          ...(fromCredit ? [['Account credit applied', formatAmount(fromCredit)] as const] : []),
          ...(paidOtherwise > 0 ? [['Paid', formatAmount(money(paidOtherwise, invoice.total.currency))] as const] : []),
        ]
      : [];
    return [...before, ...paid, ['Amount due', formatAmount(invoice.amountDue)]];
  }

  private invoicePage(invoice: Invoice): string {
    return `${this.appUrl}/invoices/${encodeURIComponent(invoice.id)}`;
  }
}

/** What a payment gave this invoice: all of it, or (one payment for several invoices) its share. */
function appliedTo(payment: Payment, invoiceId: string): Money | undefined {
  return payment.allocations?.find((a) => a.invoiceId === invoiceId)?.amount ?? payment.appliedToInvoice;
}

/**
 * The issue email's first sentence: the invoice's total, and, when some of it is paid already (account
 * credit applied at issue), how much and what remains, so that the total is never mistaken for the rest.
 */
function issuedSentence(seller: string, number: string, invoice: Invoice, creditApplied: Money | undefined, due: string): string {
  const total = formatAmount(invoice.total);
  const remains = formatAmount(invoice.amountDue);
  const paid = invoice.amountPaid.amountMinor > 0;
  const how = creditApplied && creditApplied.amountMinor === invoice.amountPaid.amountMinor
    ? `${formatAmount(creditApplied)} of your account credit was applied to it`
    : `${formatAmount(invoice.amountPaid)} of it is paid already`;
  if (invoice.amountDue.amountMinor === 0) {
    return paid
      ? `${seller} has issued invoice ${number} for ${total}. ${how.charAt(0).toUpperCase()}${how.slice(1)}: it is paid, there is nothing to pay.`
      : `${seller} has issued invoice ${number}. It is already paid: there is nothing to pay.`;
  }
  return paid
    ? `${seller} has issued invoice ${number} for ${total}. ${how.charAt(0).toUpperCase()}${how.slice(1)}; ${remains} remains to pay, due on ${due}.`
    : `${seller} has issued invoice ${number} for ${total}, due on ${due}.`;
}
