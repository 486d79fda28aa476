import type { Customer } from '../domain/customer.js';
import { BusinessRuleError, ValidationError } from '../domain/errors.js';
import { type CurrencyCode, type Money, compare, fromDecimalString, minorUnitDigits, money, toDecimalString } from '../domain/money.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { AcceptedCryptocurrencies } from '../ports/payments/accepted-cryptocurrencies.js';
import type { AmountLimits } from '../ports/payments/amount-limits.js';
import type { HostedCheckouts, StartedCheckout } from '../ports/payments/hosted-checkout.js';
import type { ProviderAccounts } from '../ports/payments/provider-accounts.js';
import type { ProviderCustomerRef, ProviderCustomers } from '../ports/payments/provider-customers.js';
import { PaymentProviderError } from '../ports/payments/provider-errors.js';
import { CRYPTO_CHECKOUT_LIFETIME_MS } from './pay-invoice-by-crypto.js';
import { PAYPAL_CHECKOUT_LIFETIME_MS } from './pay-invoice-by-paypal.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import { type EstablishmentDeps, assertEstablished } from './steps/check-established-customer.js';
import { ensureProviderCustomer } from './steps/ensure-provider-customer.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';
import { providerCall } from './steps/provider-call.js';

/**
 * The least and most one Add Funds may be, as the provider set them: decimals read in the account's
 * currency ("5.00" is 5.00 USD, 5.00 EUR, and 5 JPY, decimals a currency lacks being dropped), with
 * limits of their own for the currencies named in `byCurrency` (e.g. JPY: "500" to "300000").
 */
export interface FundsLimits {
  readonly minimum: string;
  readonly maximum: string;
  readonly byCurrency?: Readonly<Record<string, { readonly minimum: string; readonly maximum: string }>>;
}

/** The limits in `currency`, as money. */
export function fundsLimitsIn(limits: FundsLimits, currency: CurrencyCode): { minimum: Money; maximum: Money } {
  const own = limits.byCurrency?.[currency] ?? limits;
  return { minimum: decimalIn(own.minimum, currency), maximum: decimalIn(own.maximum, currency) };
}

/** A non-negative decimal as an amount in `currency`, its extra decimals dropped ("5.00" JPY is 5 JPY). */
function decimalIn(decimal: string, currency: CurrencyCode): Money {
  const [whole, fraction = ''] = decimal.split('.') as [string, string?];
  const kept = fraction.slice(0, minorUnitDigits(currency));
  return fromDecimalString(kept ? `${whole}.${kept}` : whole, currency);
}

/** The ways to pay for Add Funds: each a provider's page, whose webhook credits the account. */
export type FundsMethod = 'card' | 'paypal' | 'crypto';

export interface AddFundsDeps {
  customers: CustomerRepository;
  clock: Clock;
  fundsLimits: FundsLimits;
  /** The hosted checkout of each configured method; a method without one is "not set up". */
  checkouts: HostedCheckouts;
  /**
   * What each method can take in one payment, known ahead (card: Stripe's limits, PayPal: its limits
   * and currencies). Crypto has none here: BTCPay refuses what it cannot rate, as for invoices.
   */
  amountLimits: Partial<Record<FundsMethod, AmountLimits>>;
  /** Card only: the card processor's customer for the account (Stripe Checkout pays as that customer). */
  cardCustomers?: { accounts: ProviderAccounts; providerCustomers: ProviderCustomers };
  /** Crypto only: the established-customer rule and the history it counts, and what the store accepts now. */
  crypto?: EstablishmentDeps & { cryptocurrencies: AcceptedCryptocurrencies };
}

/** How long the provider's page takes the payment (Stripe's minimum is 30 minutes; PayPal and BTCPay as for invoices). */
const LIFETIME_MS: Record<FundsMethod, number> = {
  card: 60 * 60_000, paypal: PAYPAL_CHECKOUT_LIFETIME_MS, crypto: CRYPTO_CHECKOUT_LIFETIME_MS,
};

const NOT_SET_UP: Record<FundsMethod, string> = {
  card: 'Card payments are not set up for this account yet.',
  paypal: 'PayPal payments are not set up for this account yet.',
  crypto: 'Cryptocurrency payments are not set up.',
};

/**
 * "Add Funds": the customer pays an amount of their choosing, within the limits the provider set, on
 * the payment provider's page (card, PayPal or crypto). Nothing is credited here: the provider's
 * webhook is the truth, and the payment (which names no invoice) becomes account credit once, with its
 * `funds_added` entry, for what the provider says was received (a crypto over- or underpayment credits
 * what was paid). Credit then pays new invoices at issue, or unpaid ones on request.
 *
 * 1. the amount within the funds limits, then within what the method can take;
 * 2. crypto only for established customers (the rule in domain/established-customer.ts) and while the
 *    store accepts some cryptocurrency, as for invoices;
 * 3. the provider's page, which carries `funds` back in its webhooks.
 * @param input.amountMinor in the account currency's minor units
 * @throws ValidationError naming `amount` when it is outside the limits
 * @throws BusinessRuleError when the method cannot take this amount, is not set up, or (crypto) the
 *   customer is not established yet, with when they will be
 */
export async function addFunds(
  deps: AddFundsDeps,
  input: { userSub: string; amountMinor: number; method: FundsMethod; returnUrl: string },
): Promise<{ redirectUrl: string }> {
  const { method } = input;
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const amount = money(input.amountMinor, customer.currency);
  assertWithin(amount, deps.fundsLimits);
  const limits = deps.amountLimits[method];
  if (limits) assertChargeable(limits, amount);
  const checkouts = deps.checkouts[method];
  if (!checkouts) throw new BusinessRuleError(NOT_SET_UP[method]);
  if (method === 'crypto') await assertCryptoAllowed(deps, customer);
  const customerRef = method === 'card' ? await cardCustomer(deps, customer) : undefined;
  const started = await startCheckout(method, () => checkouts.startCheckout({
    ...(customerRef ? { customerRef } : {}),
    billingCustomerId: customer.id,
    purpose: { funds: true },
    description: `Account credit, ${toDecimalString(amount)} ${amount.currency}`,
    amount,
    saveMethod: false,
    successUrl: `${input.returnUrl}/account?funds=processing`,
    cancelUrl: `${input.returnUrl}/account?funds=cancelled`,
    expiresAt: new Date(deps.clock.now().getTime() + LIFETIME_MS[method]),
  }));
  return { redirectUrl: started.redirectUrl };
}

/** As for invoices: an established customer, and a store that accepts some cryptocurrency now. */
async function assertCryptoAllowed(deps: AddFundsDeps, customer: Customer): Promise<void> {
  if (!deps.crypto) throw new BusinessRuleError(NOT_SET_UP.crypto);
  await assertEstablished(deps.crypto, customer);
  const { cryptocurrencies } = deps.crypto;
  const accepted = await providerCall(() => cryptocurrencies.list());
  if (accepted.length === 0) throw new BusinessRuleError('No cryptocurrency is accepted at the moment. Please choose another way to pay.');
}

async function cardCustomer(deps: AddFundsDeps, customer: Customer): Promise<ProviderCustomerRef> {
  if (!deps.cardCustomers) throw new BusinessRuleError(NOT_SET_UP.card);
  return ensureProviderCustomer(deps.cardCustomers, 'card', customer);
}

/** Opens the provider's page; a request BTCPay refuses (no rate for the currency) is a business rule, as for invoices. */
async function startCheckout(method: FundsMethod, start: () => Promise<StartedCheckout>): Promise<StartedCheckout> {
  try {
    return await providerCall(start);
  } catch (error) {
    if (method === 'crypto' && error instanceof PaymentProviderError && error.reason === 'invalid_request') {
      throw new BusinessRuleError('Credit cannot be bought by cryptocurrency at the moment. Please choose another way to pay, or contact us.', { cause: error });
    }
    throw error;
  }
}

function assertWithin(amount: Money, limits: FundsLimits): void {
  const { minimum: least, maximum: most } = fundsLimitsIn(limits, amount.currency);
  if (compare(amount, least) < 0 || compare(amount, most) > 0) {
    throw new ValidationError(
      'amount',
      `Add between ${toDecimalString(least)} and ${toDecimalString(most)} ${amount.currency} at a time.`,
    );
  }
}
