import type { FundsReceiptComposer, FundsReceiptEmail } from '../../ports/funds-receipt-composer.js';
import type { Seller } from '../../ports/invoice-document-renderer.js';
import type { ComposedEmail } from '../../ports/invoice-email-composer.js';
import { formatAmount, formatDate } from '../pdf/invoice-formats.js';
import { paymentMethodLabel } from '../pdf/payment-label.js';
import { renderEmail } from './email-layout.js';

/**
 * The receipt for funds added, in the one look of email-layout.ts and with the amounts and dates
 * formatted as on invoices. It links to the account page, where the customer sees their credit and
 * its history.
 */
export class HtmlFundsReceiptComposer implements FundsReceiptComposer {
  /** @param appUrl the web app's origin, without a trailing slash */
  constructor(private readonly seller: Seller, private readonly appUrl: string) {}

  compose({ to, payment, balance }: FundsReceiptEmail): ComposedEmail {
    const amount = formatAmount(payment.amount);
    const date = formatDate(payment.receivedAt);
    return renderEmail({
      subject: `Receipt: ${amount} added to your account credit`,
      preheader: `We received ${amount}. Thank you.`,
      heading: 'Thank you for your payment',
      paragraphs: [
        `Hello ${to.name},`,
        `We received ${amount} on ${date} and added it to your account credit with ${this.seller.name}. `
          + 'It pays your next invoices automatically, or any unpaid invoice when you choose account credit on its page.',
      ],
      facts: [['Date', date], ['Paid with', paymentMethodLabel(payment)], ['Amount added', amount], ['Account credit now', formatAmount(balance)]],
      action: { label: 'View your account credit', url: `${this.appUrl}/account` },
      closing: ['Keep this email as your receipt; your statement shows the payment too.'],
    }, this.seller);
  }
}
