import { BusinessRuleError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { AmountLimits } from '../ports/payments/amount-limits.js';
import { getMyInvoice } from './get-my-invoice.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import { type ApplyPaymentEventDeps, applyPaymentEvent } from './steps/apply-payment-event.js';
import { openInvoiceCheckout } from './steps/open-invoice-checkout.js';
import { providerCall } from './steps/provider-call.js';

export type PayByPayPalResult =
  | { status: 'redirect'; redirectUrl: string }
  | { status: 'paid'; invoice: Invoice }
  /** Paid before this request, another way: nothing was taken here. */
  | { status: 'already_paid'; invoice: Invoice }
  | { status: 'processing' }
  | { status: 'declined'; message: string };

/** How long we capture an approval of a PayPal order (PayPal keeps orders open for hours, and takes no expiry). */
export const PAYPAL_CHECKOUT_LIFETIME_MS = 60 * 60_000;

const NOT_TAKEN = 'PayPal did not complete the payment. Nothing was taken; please pay again.';

/**
 * The customer pays an open invoice with PayPal, once.
 *
 * Without `orderId`: an order is created at PayPal for the amount due and the customer is sent to
 * approve it. The invoice has one live checkout across all methods (R1, R13): a second click gets the
 * same PayPal page while it is open and for the same amount; a card page or a PayPal order for another
 * amount is closed first; an approved order whose capture has begun answers `processing`.
 *
 * With `orderId` (the page PayPal sends the customer back to): the approval is applied as its webhook
 * is (CHECKOUT.ORDER.APPROVED, which stays the truth): captured only while the order is still the
 * invoice's live checkout, once, whichever arrives first.
 * @throws NotFoundError when the invoice is not the caller's
 * @throws BusinessRuleError when the invoice is void or a draft, or PayPal cannot take its currency or amount
 * @throws ConflictError when another payment of the invoice is starting
 */
export async function payInvoiceByPayPal(
  deps: ApplyPaymentEventDeps & { paypalLimits: AmountLimits },
  input: { userSub: string; invoiceId: string; returnUrl: string; orderId?: string },
): Promise<PayByPayPalResult> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  // Back from PayPal, the capture's webhook may have paid it first: that is this payment. Otherwise a
  // paid invoice was paid another way (another tab, the automatic charge) and nothing is taken here.
  if (invoice.status === 'paid') return input.orderId ? { status: 'paid', invoice } : { status: 'already_paid', invoice };
  if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status} and cannot be paid.`);
  if (input.orderId) return returnFromPayPal(deps, invoice, input.orderId);

  assertChargeable(deps.paypalLimits, invoice.amountDue);
  const checkouts = deps.checkouts.paypal;
  if (!checkouts) throw new BusinessRuleError('PayPal payments are not set up for this account yet.');
  const page = `${input.returnUrl}/invoices/${invoice.id}`;
  return openInvoiceCheckout(deps, {
    invoice,
    method: 'paypal',
    start: (owed, now) => providerCall(() => checkouts.startCheckout({
      billingCustomerId: customer.id,
      purpose: { invoiceId: invoice.id },
      description: `Invoice ${invoice.label}`,
      amount: owed.amountDue,
      saveMethod: false,
      successUrl: `${page}?payment=paypal`,
      cancelUrl: `${page}?payment=cancelled`,
      expiresAt: new Date(now.getTime() + PAYPAL_CHECKOUT_LIFETIME_MS),
    })),
  });
}

/** The customer is back from approving `orderId`: capture it as its webhook would, and say where the invoice stands. */
async function returnFromPayPal(deps: ApplyPaymentEventDeps, invoice: Invoice, orderId: string): Promise<PayByPayPalResult> {
  const checkout = invoice.state.checkout;
  if (checkout?.id === orderId && checkout.method === 'paypal') {
    const now = deps.clock.now().toISOString();
    await applyPaymentEvent(deps, {
      type: 'checkout.approved', eventId: `return-${orderId}`, occurredAt: now, method: 'paypal', checkoutId: orderId,
      invoiceId: invoice.id, billingCustomerId: invoice.customerId, amount: { amountMinor: checkout.amountMinor, currency: invoice.state.currency },
    });
  }
  const latest = (await deps.invoices.get(invoice.id)) ?? invoice;
  if (latest.status === 'paid') return { status: 'paid', invoice: latest };
  if (latest.state.paymentPending) return { status: 'processing' };
  const still = latest.state.checkout;
  if (still?.id === orderId) return still.captureStartedAt ? { status: 'processing' } : { status: 'redirect', redirectUrl: still.url };
  return { status: 'declined', message: NOT_TAKEN };
}
