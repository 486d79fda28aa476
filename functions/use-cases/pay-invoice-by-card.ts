import { BusinessRuleError, ConflictError, NotFoundError } from '../domain/errors.js';
import type { Invoice, OpenCheckout } from '../domain/invoice.js';
import type { CardRepository } from '../ports/card-repository.js';
import { getMyInvoice } from './get-my-invoice.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import { type CardChargeDeps, type CardChargeResult, chargeInvoiceWithSavedCard } from './steps/charge-invoice-with-saved-card.js';
import { closeCheckout, expireQuietly } from './steps/close-checkout.js';
import { ensureProviderCustomer } from './steps/ensure-provider-customer.js';
import { providerCall } from './steps/provider-call.js';

export type PayByCardResult = CardChargeResult | { status: 'redirect'; redirectUrl: string };

/** How long a card page stays open (Stripe allows 30 minutes to 24 hours). */
export const CHECKOUT_LIFETIME_MS = 60 * 60_000;

const IN_PROGRESS = 'A payment for this invoice is already in progress.';

/**
 * The customer pays an open invoice by card. With a saved card it is charged at once (the customer is
 * present, so a bank's request for confirmation sends them to the processor's page instead). Without
 * one, the customer goes to the processor's hosted page, which collects the card; the webhook is the
 * truth of what happened there, and the page the customer returns to only shows progress.
 *
 * An invoice has at most one live card page (R1, R13): a second click, in this tab or another, gets the
 * same page while it is open and for the same amount; a page for another amount is closed at the
 * processor before a new one opens; and a page is never opened while a saved card is being charged.
 * @throws NotFoundError when the invoice or card is not the caller's
 * @throws BusinessRuleError when the invoice is void or a draft, or cards cannot be charged its amount
 * @throws ConflictError when a saved-card charge of the invoice is in progress
 */
export async function payInvoiceByCard(
  deps: CardChargeDeps & { cards: CardRepository },
  input: { userSub: string; invoiceId: string; cardId?: string; saveCard: boolean; returnUrl: string },
): Promise<PayByCardResult> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  if (invoice.status === 'paid') return { status: 'paid', invoice };
  if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status} and cannot be paid.`);

  if (input.cardId) {
    const card = await deps.cards.get(customer.id, input.cardId);
    if (!card) throw new NotFoundError('Card');
    const result = await chargeInvoiceWithSavedCard(deps, { invoice, customer, card });
    if (result.status !== 'requires_action') return result;
  }

  const now = deps.clock.now();
  let current = (input.cardId ? await deps.invoices.get(invoice.id) : invoice) ?? invoice;
  const live = current.liveCheckout(now);
  if (live && reusable(live, current)) return { status: 'redirect', redirectUrl: live.url };
  if (live) {
    const closed = await closeCheckout(deps, current, live);
    if (closed === 'completed') return { status: 'processing' };
    current = closed;
  }

  assertChargeable(deps.cardLimits, current.amountDue);
  const checkouts = deps.checkouts.card;
  if (!checkouts) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const customerRef = await ensureProviderCustomer(deps, 'card', customer);
  const page = `${input.returnUrl}/invoices/${invoice.id}`;
  const started = await providerCall(() => checkouts.startCheckout({
    customerRef,
    billingCustomerId: customer.id,
    purpose: { invoiceId: invoice.id },
    description: `Invoice ${invoice.label}`,
    amount: current.amountDue,
    saveMethod: input.saveCard,
    successUrl: `${page}?payment=processing`,
    cancelUrl: `${page}?payment=cancelled`,
    expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
  }));
  const checkout: OpenCheckout = {
    id: started.checkoutId, method: 'card', url: started.redirectUrl,
    amountMinor: current.amountDue.amountMinor, expiresAt: started.expiresAt.toISOString(),
  };

  const attached = current.attachCheckout(checkout, now);
  const saved = !('busy' in attached) && await deps.invoices.save(attached, current.state.version).then(() => true, (error: unknown) => {
    if (error instanceof ConflictError) return false;
    throw error;
  });
  if (saved) return { status: 'redirect', redirectUrl: started.redirectUrl };

  // Another tab, or a saved-card charge, got there first: this page must never take money.
  await expireQuietly(deps, checkout);
  const latest = await deps.invoices.get(invoice.id);
  const theirs = latest?.liveCheckout(now);
  if (latest && theirs && reusable(theirs, latest)) return { status: 'redirect', redirectUrl: theirs.url };
  if (latest?.status === 'paid') return { status: 'paid', invoice: latest };
  throw new ConflictError(IN_PROGRESS);
}

/** A live card page can be handed out again when it asks for what the invoice owes now. */
function reusable(checkout: OpenCheckout, invoice: Invoice): boolean {
  return checkout.method === 'card' && checkout.amountMinor === invoice.amountDue.amountMinor;
}
