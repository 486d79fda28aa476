import { BusinessRuleError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { AcceptedCryptocurrencies } from '../ports/payments/accepted-cryptocurrencies.js';
import type { HostedCheckout, HostedCheckouts, StartedCheckout } from '../ports/payments/hosted-checkout.js';
import { PaymentProviderError } from '../ports/payments/provider-errors.js';
import { getMyInvoice } from './get-my-invoice.js';
import { type EstablishmentDeps, assertEstablished } from './steps/check-established-customer.js';
import { openInvoiceCheckout } from './steps/open-invoice-checkout.js';
import { providerCall } from './steps/provider-call.js';

export type PayByCryptoResult =
  | { status: 'paid' | 'already_paid'; invoice: Invoice } | { status: 'redirect'; redirectUrl: string } | { status: 'processing' };

export type CryptoPaymentDeps = EstablishmentDeps & {
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  /** Every method's hosted checkout: a live one of another method is closed before a crypto one opens. */
  checkouts: HostedCheckouts;
  /** Undefined when no crypto provider is configured. */
  cryptocurrencies: AcceptedCryptocurrencies | undefined;
};

/**
 * How long a crypto checkout takes payments: long enough to open a wallet and send, short enough that
 * the rate it quotes stays close to the market (BTCPay's own default is 15 minutes).
 */
export const CRYPTO_CHECKOUT_LIFETIME_MS = 30 * 60_000;

const NOT_SET_UP = 'Cryptocurrency payments are not set up.';

/**
 * The customer pays an open invoice in a cryptocurrency, on the provider's checkout page, which shows
 * the exact amount in the chosen currency at the provider's rate, network fee included, before they
 * send anything. Then the webhooks tell: "payment pending" while confirmations arrive, paid when the
 * provider settles it (an underpayment leaves the rest due, an overpayment becomes credit).
 *
 * 1. only established customers may (the rule and its numbers: domain/established-customer.ts);
 * 2. only a cryptocurrency the store accepts now;
 * 3. one live checkout per invoice across methods (R13): the invoice's live crypto checkout for the same
 *    amount is handed out again; any other live checkout (a card page, a crypto one for another
 *    amount) is closed at its provider first, and if money is already on it the customer is told the
 *    payment is being processed instead.
 * @throws NotFoundError when the invoice is not the caller's
 * @throws BusinessRuleError when the invoice cannot be paid, crypto is not set up, the customer is not
 *   established (with when they will be), or the cryptocurrency is not accepted
 * @throws ConflictError when another payment of the invoice is starting at the same moment
 */
export async function payInvoiceByCrypto(
  deps: CryptoPaymentDeps,
  input: { userSub: string; invoiceId: string; cryptocurrency?: string; returnUrl: string },
): Promise<PayByCryptoResult> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  if (invoice.status === 'paid') return { status: 'already_paid', invoice };
  if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status} and cannot be paid.`);
  const { crypto } = deps.checkouts;
  const accepted = deps.cryptocurrencies;
  if (!crypto || !accepted) throw new BusinessRuleError(NOT_SET_UP);

  await assertEstablished(deps, customer);
  const currencies = await providerCall(() => accepted.list());
  if (currencies.length === 0) throw new BusinessRuleError('No cryptocurrency is accepted at the moment. Please choose another way to pay.');
  if (input.cryptocurrency && !currencies.some((c) => c.id === input.cryptocurrency)) {
    throw new BusinessRuleError(`${input.cryptocurrency} is not accepted at the moment. Accepted now: ${currencies.map((c) => c.id).join(', ')}.`);
  }
  // A crypto payment is being confirmed: a second one must not start beside it.
  if (invoice.state.paymentPending) return { status: 'processing' };

  const page = `${input.returnUrl}/invoices/${invoice.id}`;
  return openInvoiceCheckout(deps, {
    invoice,
    method: 'crypto',
    start: (owed, now) => startCryptoCheckout(crypto, {
      billingCustomerId: customer.id,
      purpose: { invoiceId: invoice.id },
      description: `Invoice ${invoice.label}`,
      amount: owed.amountDue,
      saveMethod: false,
      successUrl: `${page}?payment=crypto`,
      cancelUrl: `${page}?payment=cancelled`,
      expiresAt: new Date(now.getTime() + CRYPTO_CHECKOUT_LIFETIME_MS),
      ...(input.cryptocurrency ? { preferredOption: input.cryptocurrency } : {}),
    }),
  });
}

/** Opens the provider's checkout; a request it refuses (no rate for the invoice's currency) is a business rule. */
async function startCryptoCheckout(crypto: HostedCheckout, input: Parameters<HostedCheckout['startCheckout']>[0]): Promise<StartedCheckout> {
  try {
    return await providerCall(() => crypto.startCheckout(input), 'We could not reach our cryptocurrency payment provider. Nothing was charged; please try again in a few minutes.');
  } catch (error) {
    if (error instanceof PaymentProviderError && error.reason === 'invalid_request') {
      throw new BusinessRuleError('This invoice cannot be paid by cryptocurrency at the moment. Please choose another way to pay, or contact us.', { cause: error });
    }
    throw error;
  }
}
