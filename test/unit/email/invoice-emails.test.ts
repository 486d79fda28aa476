import { describe, expect, it } from 'vitest';
import { HtmlInvoiceEmailComposer } from '../../../functions/adapters/email/html-invoice-email-composer.js';
import { pdfLibInvoiceRenderer } from '../../../functions/adapters/pdf/pdf-lib-invoice-renderer.js';
import type { Invoice } from '../../../functions/domain/invoice.js';
import type { ComposedEmail, InvoiceEmail } from '../../../functions/ports/invoice-email-composer.js';
import { readPdf } from '../../support/pdf-text.js';
import { HtmlFundsReceiptComposer } from '../../../functions/adapters/email/html-funds-receipt-composer.js';
import { APP_URL, HOSTILE, SELLER, customer, invoice, payment, usd } from './fixtures.js';

const composer = new HtmlInvoiceEmailComposer(SELLER, APP_URL);

/** One email of every kind for the invoice, as the use case would ask for them. */
function everyKind(inv: Invoice, reason = 'Your card was declined: insufficient funds.'): Array<[string, ComposedEmail]> {
  const billTo = inv.state.billTo!;
  const emails: InvoiceEmail[] = [
    { kind: 'invoice_issued', invoice: inv, billTo, pdfAttached: true },
    { kind: 'invoice_reminder', invoice: inv, billTo },
    { kind: 'invoice_reminder', invoice: inv, billTo, autopayCard: { brand: 'visa', last4: '4242' } },
    { kind: 'payment_receipt', invoice: inv, billTo, payment: payment(inv) },
    { kind: 'payment_declined', invoice: inv, billTo, reason },
    { kind: 'payment_action_required', invoice: inv, billTo },
    { kind: 'invoice_voided', invoice: inv.void(new Date('2026-03-02T10:00:00Z')), billTo },
  ];
  return emails.map((email) => [email.kind, composer.compose(email)]);
}

/** The HTML with its markup removed and entities decoded: what a reader sees. */
const visible = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));

describe('Invoice emails', () => {
  it.each(everyKind(invoice()))('%s: has an HTML and a plain-text part, both naming the seller with its full address', (_kind, email) => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.text.length).toBeGreaterThan(100);
    for (const part of [visible(email.html), email.text]) {
      for (const line of [SELLER.name, ...SELLER.addressLines, SELLER.email]) expect(part).toContain(line);
      expect(part).toContain('#000042');
      expect(part).toContain(`${APP_URL}/invoices/inv_ABC123`);
    }
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('#000042');
  });

  it('prints amounts and dates exactly as the invoice PDF prints them, in a currency with another exponent too', async () => {
    const inv = invoice({ currency: 'HUF', lines: [{ description: 'VPS', quantity: 1, unitAmountMinor: 500_000 }] });
    const pdfText = (await readPdf(await pdfLibInvoiceRenderer.renderPdf({ invoice: inv, customer: customer(), seller: SELLER, now: new Date() })))
      .map((p) => p.text).join('\n');
    const issued = composer.compose({ kind: 'invoice_issued', invoice: inv, billTo: inv.state.billTo!, pdfAttached: true });
    // Issued 2026-03-01 at 23:41 UTC: the date the PDF prints, whatever the reader's time zone.
    for (const printed of ['5,000.00 HUF', '2026-03-01', '2026-03-15', '#000042']) {
      expect(pdfText).toContain(printed);
      expect(issued.text).toContain(printed);
      expect(visible(issued.html)).toContain(printed);
    }
  });

  it('shows the receipt’s method, card, amount, date and invoice', () => {
    const inv = invoice();
    const paid = inv.recordPayment(inv.total, new Date('2026-03-15T06:00:00Z')).invoice;
    const receipt = composer.compose({ kind: 'payment_receipt', invoice: paid, billTo: paid.state.billTo!, payment: payment(paid) });
    expect(receipt.text).toContain('Paid with: Visa ending in 4242');
    expect(receipt.text).toContain('Amount paid: 19.99 USD');
    expect(receipt.text).toContain('Date: 2026-03-15');
    expect(receipt.text).toContain('paid in full');
    const paypal = composer.compose({
      kind: 'payment_receipt', invoice: paid, billTo: paid.state.billTo!, payment: payment(paid, { method: 'paypal', card: undefined, externalId: 'CAP-1' }),
    });
    expect(paypal.text).toContain('Paid with: PayPal');
    expect(receipt.text).not.toContain('became account credit');
  });

  it('a receipt for more than was due says the rest became account credit', () => {
    const inv = invoice();
    const paid = inv.recordPayment(usd(5000), new Date('2026-03-15T06:00:00Z')).invoice;
    const receipt = composer.compose({
      kind: 'payment_receipt', invoice: paid, billTo: paid.state.billTo!,
      payment: payment(paid, { method: 'offline', card: undefined, amount: usd(5000), appliedToInvoice: usd(1999) }),
    });
    expect(receipt.text).toContain('30.01 USD more than was due became account credit, which pays your next invoices.');
  });

  it('escapes every value a customer or staff typed, and drops bidirectional overrides', () => {
    const inv = invoice({
      lines: [
        { description: HOSTILE.script, quantity: 1, unitAmountMinor: 100 },
        { description: HOSTILE.attribute, quantity: 1, unitAmountMinor: 100 },
        { description: HOSTILE.rtlOverride, quantity: 1, unitAmountMinor: 100 },
      ],
      billTo: { name: `${HOSTILE.attribute} ${HOSTILE.isolate}`, email: 'ann@example.test', billingAddress: [HOSTILE.script] },
    });
    for (const [, email] of everyKind(inv, `${HOSTILE.script} ${HOSTILE.attribute}`)) {
      expect(email.html).not.toContain('<script');
      expect(email.html).not.toContain('<img');
      expect(email.html).not.toMatch(/"\s*onerror=/);
      expect(email.html + email.text + email.subject).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      // Shown as text, as typed (without the override characters).
      expect(visible(email.html)).toContain('"><img src=x onerror=alert(1)>');
      expect(email.text).toContain('"><img src=x onerror=alert(1)>');
    }
    const issued = composer.compose({ kind: 'invoice_issued', invoice: inv, billTo: inv.state.billTo!, pdfAttached: true });
    expect(visible(issued.html)).toContain('<script>alert(1)</script>');
    expect(issued.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(issued.text).toContain('Ann gnp.exe');
  });

  it('says whether the PDF is attached, and what the reminder’s automatic charge will use', () => {
    const inv = invoice();
    const billTo = inv.state.billTo!;
    expect(composer.compose({ kind: 'invoice_issued', invoice: inv, billTo, pdfAttached: true }).text).toContain('attached as a PDF');
    expect(composer.compose({ kind: 'invoice_reminder', invoice: inv, billTo, autopayCard: { brand: 'mastercard', last4: '4444' } }).text)
      .toContain('Your Mastercard ending in 4444 will be charged automatically');
    expect(composer.compose({ kind: 'invoice_reminder', invoice: inv, billTo }).text).toContain('Please pay it by then.');
    // The issue email says so too, from the start: a customer should not pay by hand unaware.
    expect(composer.compose({ kind: 'invoice_issued', invoice: inv, billTo, pdfAttached: true, autopayCard: { brand: 'visa', last4: '4242' } }).text)
      .toContain('Automatic billing is on: your Visa ending in 4242 will be charged 19.99 USD on 2026-03-15, unless the invoice is paid before then.');
    expect(composer.compose({ kind: 'invoice_issued', invoice: inv, billTo, pdfAttached: true }).text).not.toContain('Automatic billing');
  });

  it('an invoice paid from credit at issue says so in its subject; a voided one says it is cancelled and nothing is owed', () => {
    const inv = invoice({ lines: [{ description: 'VPS', quantity: 1, unitAmountMinor: 10000 }] });
    const paid = inv.recordPayment(usd(10000), new Date('2026-03-01T23:41:00Z')).invoice;
    expect(composer.compose({ kind: 'invoice_issued', invoice: paid, billTo: paid.state.billTo!, pdfAttached: true, creditApplied: usd(10000) }).subject)
      .toBe('Invoice #000042 from Example Hosting Ltd: paid, nothing to pay');
    const voided = composer.compose({ kind: 'invoice_voided', invoice: inv.void(new Date('2026-03-02T10:00:00Z')), billTo: inv.state.billTo! });
    expect(voided.subject).toBe('Invoice #000042 from Example Hosting Ltd has been cancelled');
    expect(voided.text).toContain('You do not need to pay it, and nothing will be charged for it.');
    expect(voided.text).toContain('Amount due: 0.00 USD');
  });

  it('a receipt for one of several invoices paid together states that invoice’s share, and the whole payment beside it', () => {
    const inv = invoice();
    const paid = inv.recordPayment(usd(1999), new Date('2026-03-15T06:00:00Z')).invoice;
    const together = payment(paid, { invoiceId: undefined, amount: usd(11998), appliedToInvoice: usd(11998), allocations: [
      { invoiceId: 'inv_OTHER', amount: usd(9999) }, { invoiceId: paid.id, amount: usd(1999) },
    ] });
    const receipt = composer.compose({ kind: 'payment_receipt', invoice: paid, billTo: paid.state.billTo!, payment: together });
    expect(receipt.subject).toBe('Receipt for invoice #000042: 19.99 USD paid');
    expect(receipt.text).toContain('We received 19.99 USD for invoice #000042 on 2026-03-15, as part of one payment of 119.98 USD for 2 invoices.');
    expect(receipt.text).toContain('Amount paid: 19.99 USD');
    expect(receipt.text).toContain('Whole payment: 119.98 USD for 2 invoices');
  });

  it('a decline names the card and the next attempt, or says it was the last', () => {
    const inv = invoice();
    const billTo = inv.state.billTo!;
    const card = { brand: 'visa', last4: '0341' };
    const retried = composer.compose({ kind: 'payment_declined', invoice: inv, billTo, reason: 'Your card was declined.', card, nextAttemptAt: '2026-03-18T09:00:00.000Z' });
    expect(retried.text).toContain('We tried to charge 19.99 USD for invoice #000042 to your Visa ending in 0341');
    expect(retried.text).toContain('We will try the card again on 2026-03-18.');
    const last = composer.compose({ kind: 'payment_declined', invoice: inv, billTo, reason: 'Your card was declined.', card });
    expect(last.text).toContain('That was the last automatic attempt');
    expect(last.text).not.toContain('try the card again');
  });

  it('an invoice paid in part by credit at issue: the issue email gives the total, the credit applied and what remains', () => {
    const inv = invoice({ lines: [{ description: 'VPS', quantity: 1, unitAmountMinor: 10000 }] });
    const partly = inv.recordPayment(usd(6803), new Date('2026-03-01T23:41:00Z')).invoice;
    const issued = composer.compose({ kind: 'invoice_issued', invoice: partly, billTo: partly.state.billTo!, pdfAttached: true, creditApplied: usd(6803) });
    expect(issued.text).toContain('has issued invoice #000042 for 100.00 USD. 68.03 USD of your account credit was applied to it; 31.97 USD remains to pay, due on 2026-03-15.');
    expect(issued.text).toContain('Account credit applied: 68.03 USD');
    expect(issued.text).not.toMatch(/Paid: /);
  });

  it('the receipt for funds added states the amount, how it was paid and the credit now, and links to the account', () => {
    const funds = new HtmlFundsReceiptComposer(SELLER, APP_URL).compose({
      to: { name: 'Ann Buyer', email: 'ann@example.test' }, balance: usd(3500),
      payment: { method: 'paypal', externalId: 'CAP-1', customerId: 'cus_1', amount: usd(2500), appliedToInvoice: usd(0), receivedAt: '2026-03-15T06:00:00.000Z' },
    });
    expect(funds.subject).toBe('Receipt: 25.00 USD added to your account credit');
    expect(funds.text).toContain('Paid with: PayPal');
    expect(funds.text).toContain('Account credit now: 35.00 USD');
    expect(funds.text).toContain(`${APP_URL}/account`);
  });
});
