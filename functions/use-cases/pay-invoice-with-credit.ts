import { BusinessRuleError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import { type Money, money } from '../domain/money.js';
import type { HostedCheckouts } from '../ports/payments/hosted-checkout.js';
import { getMyInvoice } from './get-my-invoice.js';
import { type ApplyCreditDeps, applyCredit } from './steps/apply-credit.js';
import { expireQuietly } from './steps/close-checkout.js';

/** `already_paid`: the invoice was paid before this request, and no credit was applied. */
export type PayWithCreditResult = { status: 'paid' | 'partly_paid' | 'already_paid'; applied: Money; invoice: Invoice };

/**
 * "Apply credit" on an unpaid invoice: the customer's account credit pays it, all of it the invoice
 * can use, or the amount the customer chose. What remains (if the credit did not cover it) is paid
 * another way. A card page that was open for the old amount due is closed, so it cannot take the
 * old amount as well.
 * @param input.amountMinor at most this much credit, in the invoice's minor units; default all of it
 * @throws NotFoundError when the invoice is not the caller's
 * @throws BusinessRuleError when the invoice is not open, there is no credit, or the amount is not positive
 */
export async function payInvoiceWithCredit(
  deps: ApplyCreditDeps & { checkouts: HostedCheckouts },
  input: { userSub: string; invoiceId: string; amountMinor?: number },
): Promise<PayWithCreditResult> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  if (invoice.status === 'paid') return { status: 'already_paid', applied: money(0, invoice.state.currency), invoice };
  if (input.amountMinor !== undefined && input.amountMinor <= 0) throw new BusinessRuleError('Enter an amount of credit greater than zero.');
  if (customer.creditBalance.amountMinor <= 0) throw new BusinessRuleError('There is no account credit to apply.');
  const result = await applyCredit(deps, {
    customerId: customer.id, invoiceId: invoice.id,
    ...(input.amountMinor !== undefined ? { atMost: money(input.amountMinor, invoice.state.currency) } : {}),
  });
  if (result.closedCheckout) await expireQuietly(deps, result.closedCheckout);
  return { status: result.invoice.status === 'paid' ? 'paid' : 'partly_paid', applied: result.applied, invoice: result.invoice };
}
