import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import { getInvoice } from './get-invoice.js';

/**
 * Staff void an invoice issued in error. A paid invoice, or one with payments on it, cannot be voided:
 * the money has to be refunded first. The write is conditional on the version read, so a payment that
 * lands at the same moment wins or loses cleanly, never half.
 */
export async function voidInvoice(deps: { invoices: InvoiceRepository; clock: Clock }, input: { invoiceId: string }): Promise<Invoice> {
  const invoice = await getInvoice(deps, input);
  const voided = invoice.void(deps.clock.now());
  await deps.invoices.save(voided, invoice.state.version);
  return voided;
}
