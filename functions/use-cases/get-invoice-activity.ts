import { INVOICE_ACTIVITY_KINDS, type InvoiceActivity } from '../domain/invoice-activity.js';
import type { Invoice } from '../domain/invoice.js';
import type { InvoiceActivityLog } from '../ports/invoice-activity-log.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { getInvoice } from './get-invoice.js';

/**
 * An invoice's activity log, for staff: issued, viewed by the customer, paid (each payment, with its
 * method), paid from credit, refunded, voided; who did it and when, oldest first. Lines of the same
 * millisecond (an invoice issued and paid from credit at once) keep the order things happen in.
 * @throws NotFoundError when the invoice does not exist
 */
export async function getInvoiceActivity(
  deps: { invoices: InvoiceRepository; activity: InvoiceActivityLog },
  input: { invoiceId: string },
): Promise<{ invoice: Invoice; lines: InvoiceActivity[] }> {
  const invoice = await getInvoice(deps, input);
  const lines = await deps.activity.list(invoice.id);
  const rank = (line: InvoiceActivity) => INVOICE_ACTIVITY_KINDS.indexOf(line.kind);
  return { invoice, lines: [...lines].sort((a, b) => a.at.localeCompare(b.at) || rank(a) - rank(b)) };
}
