import type { Customer } from '../../domain/customer.js';
import { type Invoice, billedTo } from '../../domain/invoice.js';
import type { Payment } from '../../domain/payment.js';
import type { Clock } from '../../ports/clock.js';
import type { InvoiceDocumentRenderer, InvoicePaymentLine, Seller } from '../../ports/invoice-document-renderer.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';

export interface RenderInvoiceDocumentDeps {
  readonly renderer: InvoiceDocumentRenderer;
  readonly seller: Seller;
  readonly clock: Clock;
  readonly ledger: Pick<PaymentLedger, 'listInvoicePayments'>;
}

/**
 * An invoice as a PDF, billed to the name, email, billing address and tax ID it was issued to, with
 * the payments that paid it (method, card, date, amount), so that a paid invoice's PDF is its receipt.
 */
export async function renderInvoiceDocument(deps: RenderInvoiceDocumentDeps, invoice: Invoice, customer: Customer): Promise<Uint8Array> {
  const billTo = billedTo(invoice, customer);
  const payments = paymentLines(invoice.id, await deps.ledger.listInvoicePayments(invoice.id));
  return deps.renderer.renderPdf({
    invoice, customer: { ...customer, name: billTo.name, email: billTo.email }, seller: deps.seller, now: deps.clock.now(),
    ...(billTo.billingAddress ? { billingAddress: billTo.billingAddress } : {}),
    ...(billTo.taxId ? { taxId: billTo.taxId } : {}),
    ...(payments.length ? { payments } : {}),
  });
}

/** What each payment paid of this invoice (a mass payment's share of it), oldest first; none that paid nothing of it. */
function paymentLines(invoiceId: string, payments: readonly Payment[]): InvoicePaymentLine[] {
  return payments
    .map((payment) => ({
      payment,
      amount: payment.allocations?.find((a) => a.invoiceId === invoiceId)?.amount ?? payment.appliedToInvoice,
    }))
    .filter((line) => line.amount.amountMinor > 0)
    .sort((a, b) => a.payment.receivedAt.localeCompare(b.payment.receivedAt));
}
