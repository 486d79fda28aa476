import { BusinessRuleError, ValidationError } from '../domain/errors.js';
import { type CurrencyCode, type Money, compare, fromDecimalString, minorUnitDigits, money, toDecimalString } from '../domain/money.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { AmountLimits } from '../ports/payments/amount-limits.js';
import type { HostedCheckouts } from '../ports/payments/hosted-checkout.js';
import type { ProviderAccounts } from '../ports/payments/provider-accounts.js';
import type { ProviderCustomers } from '../ports/payments/provider-customers.js';
import { assertChargeable } from './steps/assert-chargeable.js';
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

/**
 * "Add Funds": the customer pays an amount of their choosing, within the limits the provider set, on
 * the payment provider's page. Nothing is credited here: the provider's webhook is the truth, and the
 * payment (which names no invoice) becomes account credit once, with its `funds_added` entry. Credit
 * then pays new invoices at issue, or unpaid ones on request.
 * @param input.amountMinor in the account currency's minor units
 * @throws ValidationError naming `amount` when it is outside the limits
 * @throws BusinessRuleError when the method cannot take this amount, or is not set up
 */
export async function addFunds(
  deps: {
    customers: CustomerRepository; accounts: ProviderAccounts; providerCustomers: ProviderCustomers;
    checkouts: HostedCheckouts; cardLimits: AmountLimits; fundsLimits: FundsLimits; clock: { now(): Date };
  },
  input: { userSub: string; amountMinor: number; method: 'card'; returnUrl: string },
): Promise<{ redirectUrl: string }> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const amount = money(input.amountMinor, customer.currency);
  assertWithin(amount, deps.fundsLimits);
  assertChargeable(deps.cardLimits, amount);
  const checkouts = deps.checkouts[input.method];
  if (!checkouts) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const customerRef = await ensureProviderCustomer(deps, input.method, customer);
  const started = await providerCall(() => checkouts.startCheckout({
    customerRef,
    billingCustomerId: customer.id,
    purpose: { funds: true },
    description: `Account credit, ${toDecimalString(amount)} ${amount.currency}`,
    amount,
    saveMethod: false,
    successUrl: `${input.returnUrl}/account?funds=processing`,
    cancelUrl: `${input.returnUrl}/account?funds=cancelled`,
    expiresAt: new Date(deps.clock.now().getTime() + 60 * 60_000),
  }));
  return { redirectUrl: started.redirectUrl };
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
