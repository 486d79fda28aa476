import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { InvoiceEmails } from '../ports/outbox.js';

/**
 * The reminder before an invoice is due, fired by its schedule: sent once, and only while the invoice
 * is open with something to pay (paid or voided since, it says nothing).
 */
export async function remindInvoice(
  deps: { invoices: InvoiceRepository; emails: InvoiceEmails },
  input: { invoiceId: string },
): Promise<'sent' | 'nothing_to_do'> {
  const invoice = await deps.invoices.get(input.invoiceId);
  if (!invoice || invoice.status !== 'open' || invoice.amountDue.amountMinor === 0) return 'nothing_to_do';
  const email = { kind: 'invoice_reminder' as const, invoiceId: invoice.id };
  await deps.emails.send(email);
  return 'sent';
}
