import { NotFoundError } from '../domain/errors.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { CheckoutHistory, ProviderCheckoutRecord } from '../ports/payments/checkout-history.js';
import { providerCall } from './steps/provider-call.js';

/**
 * Staff follow an invoice's crypto payments as the provider holds them now: each checkout's id (the
 * BTCPay invoice), its status (an invalid one included), the fiat asked and paid, and the payments
 * on it in the cryptocurrency sent. None when no crypto provider is configured.
 * @throws NotFoundError when there is no such invoice
 * @throws ProviderUnavailableError when the provider cannot be reached
 */
export async function listInvoiceCryptoPayments(
  deps: { invoices: InvoiceRepository; cryptoCheckouts: CheckoutHistory | undefined },
  input: { invoiceId: string },
): Promise<readonly ProviderCheckoutRecord[]> {
  const invoice = await deps.invoices.get(input.invoiceId);
  if (!invoice) throw new NotFoundError('Invoice');
  const history = deps.cryptoCheckouts;
  if (!history) return [];
  return providerCall(() => history.listForInvoice(invoice.id), 'We could not reach our cryptocurrency payment provider. Please try again in a few minutes.');
}
