import { BusinessRuleError, NotFoundError } from '../domain/errors.js';
import type { CardRepository } from '../ports/card-repository.js';
import { getMyInvoice } from './get-my-invoice.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import { type CardChargeDeps, type CardChargeResult, chargeInvoiceWithSavedCard } from './steps/charge-invoice-with-saved-card.js';
import { ensureProviderCustomer } from './steps/ensure-provider-customer.js';
import { type OpenedCheckout, openInvoiceCheckout } from './steps/open-invoice-checkout.js';
import { providerCall } from './steps/provider-call.js';

export type PayByCardResult = CardChargeResult | OpenedCheckout;

/** How long a card page stays open (Stripe allows 30 minutes to 24 hours). */
export const CHECKOUT_LIFETIME_MS = 60 * 60_000;

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
  // Paid meanwhile (another tab, the automatic charge): say so, rather than that this payment went through.
  if (invoice.status === 'paid') return { status: 'already_paid', invoice };
  if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status} and cannot be paid.`);

  if (input.cardId) {
    const card = await deps.cards.get(customer.id, input.cardId);
    if (!card) throw new NotFoundError('Card');
    const result = await chargeInvoiceWithSavedCard(deps, { invoice, customer, card });
    if (result.status !== 'requires_action') return result;
  }

  const current = (input.cardId ? await deps.invoices.get(invoice.id) : invoice) ?? invoice;
  const page = `${input.returnUrl}/invoices/${invoice.id}`;
  return openInvoiceCheckout(deps, {
    invoice: current,
    method: 'card',
    start: async (owed, now) => {
      assertChargeable(deps.cardLimits, owed.amountDue);
      const checkouts = deps.checkouts.card;
      if (!checkouts) throw new BusinessRuleError('Card payments are not set up for this account yet.');
      const customerRef = await ensureProviderCustomer(deps, 'card', customer);
      return providerCall(() => checkouts.startCheckout({
        customerRef,
        billingCustomerId: customer.id,
        purpose: { invoiceId: invoice.id },
        description: `Invoice ${invoice.label}`,
        amount: owed.amountDue,
        saveMethod: input.saveCard,
        successUrl: `${page}?payment=processing`,
        cancelUrl: `${page}?payment=cancelled`,
        expiresAt: new Date(now.getTime() + CHECKOUT_LIFETIME_MS),
      }));
    },
  });
}
