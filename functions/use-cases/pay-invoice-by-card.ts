import { BusinessRuleError, NotFoundError } from '../domain/errors.js';
import type { CardRepository } from '../ports/card-repository.js';
import type { HostedCheckout } from '../ports/payments/hosted-checkout.js';
import { type CardChargeDeps, type CardChargeResult, chargeInvoiceWithSavedCard } from './steps/charge-invoice-with-saved-card.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import { ensureProviderCustomer } from './steps/ensure-provider-customer.js';
import { getMyInvoice } from './get-my-invoice.js';
import { providerCall } from './steps/provider-call.js';

export type PayByCardResult = CardChargeResult | { status: 'redirect'; redirectUrl: string };

/**
 * The customer pays an open invoice by card. With a saved card it is charged at once (the customer is
 * present, so a bank's request for confirmation sends them to the processor's page instead). Without
 * one, the customer goes to the processor's hosted page, which collects the card; the webhook is the
 * truth of what happened there, and the page the customer returns to only shows progress.
 * @throws NotFoundError when the invoice or card is not the caller's
 * @throws BusinessRuleError when the invoice is void or a draft, or cards cannot be charged its amount
 */
export async function payInvoiceByCard(
  deps: CardChargeDeps & { cards: CardRepository; checkout: HostedCheckout },
  input: { userSub: string; invoiceId: string; cardId?: string; saveCard: boolean; returnUrl: string },
): Promise<PayByCardResult> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  if (invoice.status === 'paid') return { status: 'paid', invoice };
  if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.state.number} is ${invoice.status} and cannot be paid.`);

  if (input.cardId) {
    const card = await deps.cards.get(customer.id, input.cardId);
    if (!card) throw new NotFoundError('Card');
    const result = await chargeInvoiceWithSavedCard(deps, { invoice, customer, card });
    if (result.status !== 'requires_action') return result;
  }

  assertChargeable(deps.cardLimits, invoice.amountDue);
  const customerRef = await ensureProviderCustomer(deps, 'card', customer);
  const page = `${input.returnUrl}/invoices/${invoice.id}`;
  const checkout = await providerCall(() => deps.checkout.startCheckout({
    customerRef,
    billingCustomerId: customer.id,
    purpose: { invoiceId: invoice.id },
    description: `Invoice ${invoice.state.number}`,
    amount: invoice.amountDue,
    saveMethod: input.saveCard,
    successUrl: `${page}?payment=processing`,
    cancelUrl: `${page}?payment=cancelled`,
  }));
  return { status: 'redirect', redirectUrl: checkout.redirectUrl };
}
