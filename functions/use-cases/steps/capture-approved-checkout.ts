import { ConflictError } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoice.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { CaptureOutcome, CheckoutCaptures } from '../../ports/payments/approved-checkouts.js';
import type { Clock } from '../../ports/clock.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import { providerCall } from './provider-call.js';

export type CaptureDecision =
  /** Captured (or captured before: the provider answered what that capture did). */
  | { captured: CaptureOutcome }
  /** Not captured, and why: the money stays with the customer. */
  | { skipped: string };

/**
 * The customer approved a payment on a provider's page (a PayPal order); we take the money only if it
 * is owed and nothing else can take it:
 *
 * 1. for an invoice, it must be open and the checkout its live one; the capture is then marked on the
 *    invoice (a conditional write), so that no other payment starts, and no one forgets the checkout,
 *    while the money is being taken. An approval of a page we closed, or after the invoice was paid or
 *    voided, is not captured: money never taken is the best refund;
 * 2. for no invoice (Add Funds), there is nothing to conflict with: it is captured;
 * 3. the provider captures, idempotently on the checkout, so the approval webhook, its redeliveries and
 *    the customer's return page all meet in one capture.
 *
 * The caller records what the capture did (a payment, a pending one, or a denial).
 * @throws ProviderUnavailableError on a passing fault at the provider: the capture may be retried
 */
export async function captureApprovedCheckout(
  deps: { invoices: InvoiceRepository; clock: Clock; captures: CheckoutCaptures },
  input: { method: ProviderPaymentMethod; checkoutId: string; invoice?: Invoice },
): Promise<CaptureDecision> {
  const provider = deps.captures[input.method];
  if (!provider) return { skipped: `No capture is configured for ${input.method} payments.` };
  if (input.invoice) {
    const held = await holdForCapture(deps, input.invoice, input.checkoutId);
    if ('refused' in held) return { skipped: `${held.refused} The approved payment was not taken.` };
  }
  return { captured: await providerCall(() => provider.capture(input.checkoutId)) };
}

async function holdForCapture(deps: { invoices: InvoiceRepository; clock: Clock }, invoice: Invoice, checkoutId: string): Promise<Invoice | { refused: string }> {
  for (let tries = 0; tries < 5; tries++) {
    const current = tries === 0 ? invoice : await deps.invoices.get(invoice.id);
    if (!current) return { refused: `Invoice ${invoice.id} does not exist.` };
    const next = current.beginCheckoutCapture(checkoutId, deps.clock.now());
    if ('refused' in next || next === current) return next;
    try {
      await deps.invoices.save(next, current.state.version);
      return next;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`Invoice ${invoice.id} kept changing.`);
}
