import { ConflictError } from '../../domain/errors.js';
import type { Invoice, OpenCheckout } from '../../domain/invoice.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import type { HostedCheckouts } from '../../ports/payments/hosted-checkout.js';
import { providerCall } from './provider-call.js';

/**
 * Closes an invoice's live checkout at the provider, so that the page can take no money, then forgets
 * it on the invoice. `completed` means the customer has just paid on that page: the payment's webhook
 * will record it, and nothing else may charge the invoice meanwhile.
 * @throws ProviderUnavailableError when the provider cannot be reached (the page may still be open)
 */
export async function closeCheckout(
  deps: { invoices: InvoiceRepository; checkouts: HostedCheckouts },
  invoice: Invoice,
  checkout: OpenCheckout,
): Promise<Invoice | 'completed'> {
  const provider = deps.checkouts[checkout.method];
  if (!provider) throw new Error(`No hosted checkout is configured for ${checkout.method} payments`);
  const closed = await providerCall(() => provider.expireCheckout(checkout.id));
  if (closed === 'completed') return 'completed';
  return (await forgetCheckout(deps, invoice.id, checkout.id)) ?? invoice;
}

/**
 * Forgets a checkout the provider has closed (our own expiry, its time running out). One whose capture
 * has begun is kept unless `captureEnded`. Returns the invoice as it now stands; a concurrent change
 * just means read again.
 */
export async function forgetCheckout(
  deps: { invoices: InvoiceRepository },
  invoiceId: string,
  checkoutId: string,
  options: { captureEnded?: boolean } = {},
): Promise<Invoice | undefined> {
  for (let tries = 0; tries < 5; tries++) {
    const current = await deps.invoices.get(invoiceId);
    if (!current) return undefined;
    const next = current.detachCheckout(checkoutId, options);
    if (next === current) return current;
    try {
      await deps.invoices.save(next, current.state.version);
      return next;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(`Invoice ${invoiceId} kept changing.`);
}

/**
 * Closes a checkout that an invoice no longer needs (it was paid another way), without waiting on the
 * answer's outcome: if the provider cannot be reached, the page closes by itself when it expires, and
 * money paid there meanwhile is refunded as unowed.
 */
export async function expireQuietly(deps: { checkouts: HostedCheckouts }, checkout: OpenCheckout): Promise<void> {
  await deps.checkouts[checkout.method]?.expireCheckout(checkout.id).catch(() => undefined);
}
