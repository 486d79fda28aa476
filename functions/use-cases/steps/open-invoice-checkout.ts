import { ConflictError } from '../../domain/errors.js';
import type { Invoice, OpenCheckout } from '../../domain/invoice.js';
import type { ProviderPaymentMethod } from '../../domain/payment.js';
import type { Clock } from '../../ports/clock.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import type { HostedCheckouts, StartedCheckout } from '../../ports/payments/hosted-checkout.js';
import { closeCheckout, expireQuietly } from './close-checkout.js';

export type OpenedCheckout =
  | { readonly status: 'redirect'; readonly redirectUrl: string }
  /** A payment on the invoice's page is being completed: its webhook will say how it ended. */
  | { readonly status: 'processing' }
  | { readonly status: 'paid'; readonly invoice: Invoice }
  /** Paid before this request, another way (another tab, the automatic charge): nothing was taken here. */
  | { readonly status: 'already_paid'; readonly invoice: Invoice };

/**
 * The provider's page for paying `invoice` by `method`, keeping one live checkout per invoice across
 * all methods (R1, R13):
 *  1. a live checkout of this method for what the invoice owes now is handed out again;
 *  2. any other live checkout (another method, another amount) is closed at its provider first; one
 *     whose payment has begun (a capture, a completed page) answers `processing`;
 *  3. `start` opens a new one for `current.amountDue` (it checks what the method can take, and may
 *     throw), and it is attached to the invoice on condition of its version;
 *  4. if another tab or method got there first, the new checkout is expired at once so it can take
 *     no money, and the caller is given theirs, or told the invoice is paid.
 * @throws ConflictError when another payment of the invoice is starting
 */
export async function openInvoiceCheckout(
  deps: { invoices: InvoiceRepository; checkouts: HostedCheckouts; clock: Clock },
  input: { invoice: Invoice; method: ProviderPaymentMethod; start: (current: Invoice, now: Date) => Promise<StartedCheckout> },
): Promise<OpenedCheckout> {
  const { method } = input;
  const reusable = (checkout: OpenCheckout, invoice: Invoice) =>
    checkout.method === method && checkout.amountMinor === invoice.amountDue.amountMinor;
  const now = deps.clock.now();
  let current = input.invoice;
  const live = current.liveCheckout(now);
  if (live?.captureStartedAt) return { status: 'processing' };
  if (live && reusable(live, current)) return { status: 'redirect', redirectUrl: live.url };
  if (live) {
    const closed = await closeCheckout(deps, current, live);
    if (closed === 'completed') return { status: 'processing' };
    current = closed;
  }

  const started = await input.start(current, now);
  const checkout: OpenCheckout = {
    id: started.checkoutId, method, url: started.redirectUrl,
    amountMinor: current.amountDue.amountMinor, expiresAt: started.expiresAt.toISOString(),
  };
  const attached = current.attachCheckout(checkout, now);
  const saved = !('busy' in attached) && await deps.invoices.save(attached, current.state.version).then(() => true, (error: unknown) => {
    if (error instanceof ConflictError) return false;
    throw error;
  });
  if (saved) return { status: 'redirect', redirectUrl: started.redirectUrl };

  await expireQuietly(deps, checkout);
  const latest = await deps.invoices.get(current.id);
  const theirs = latest?.liveCheckout(now);
  if (latest && theirs && reusable(theirs, latest)) return { status: 'redirect', redirectUrl: theirs.url };
  if (latest?.status === 'paid') return { status: 'already_paid', invoice: latest };
  throw new ConflictError('A payment for this invoice is already in progress.');
}
