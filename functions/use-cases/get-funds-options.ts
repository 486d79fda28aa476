import { ProviderUnavailableError } from '../domain/errors.js';
import { money } from '../domain/money.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { AmountLimits } from '../ports/payments/amount-limits.js';
import type { AcceptedCryptocurrencies } from '../ports/payments/accepted-cryptocurrencies.js';
import { type FundsLimits, type FundsMethod, fundsLimitsIn } from './add-funds.js';
import { listCryptoCurrencies } from './list-crypto-currencies.js';
import type { EstablishmentDeps } from './steps/check-established-customer.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** Why a method that is set up cannot buy credit for this customer now. */
export type FundsMethodUnavailable = {
  code: 'not_established' | 'none_accepted' | 'currency_not_supported' | 'provider_unreachable';
  message: string;
};

export interface FundsMethodOption {
  id: FundsMethod;
  available: boolean;
  unavailable?: FundsMethodUnavailable;
}

export interface FundsOptions {
  currency: string;
  /** Minor units of `currency`. */
  minimum: number;
  maximum: number;
  methods: FundsMethodOption[];
}

/**
 * The methods set up for this system: card and PayPal with what each can take in one payment, crypto
 * with the store's accepted list. A method absent here is not offered at all.
 */
export interface ConfiguredFundsMethods {
  card?: AmountLimits;
  paypal?: AmountLimits;
  crypto?: AcceptedCryptocurrencies;
}

/**
 * What one Add Funds may be for the signed-in customer (the provider's limits in the account's
 * currency) and the ways to pay for it, as the invoice's payment selector offers them: only the
 * methods set up; PayPal disabled for a currency it does not take; crypto disabled, with the reason and
 * when they will qualify, until the customer is established (or when the store accepts nothing now, or
 * cannot be asked). POST /v1/funds holds the same rules.
 */
export async function getFundsOptions(
  deps: EstablishmentDeps & { customers: CustomerRepository; fundsLimits: FundsLimits; configured: ConfiguredFundsMethods },
  input: { userSub: string },
): Promise<FundsOptions> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const { minimum, maximum } = fundsLimitsIn(deps.fundsLimits, customer.currency);
  const methods: FundsMethodOption[] = [];
  for (const id of ['card', 'paypal'] as const) {
    const limits = deps.configured[id];
    if (!limits) continue;
    // The currency is the account's for good: a method that cannot take it is shown, disabled, with why.
    const refusal = limits.refusal(money(minimum.amountMinor, customer.currency));
    methods.push(refusal?.reason === 'currency_not_supported'
      ? { id, available: false, unavailable: { code: 'currency_not_supported', message: refusal.message } }
      : { id, available: true });
  }
  if (deps.configured.crypto) methods.push(await cryptoOption(deps, deps.configured.crypto, input.userSub));
  return { currency: customer.currency, minimum: minimum.amountMinor, maximum: maximum.amountMinor, methods };
}

/** Crypto as GET /v1/crypto/currencies words it; the store not answering disables it rather than the page. */
async function cryptoOption(
  deps: EstablishmentDeps & { customers: CustomerRepository },
  cryptocurrencies: AcceptedCryptocurrencies,
  userSub: string,
): Promise<FundsMethodOption> {
  try {
    const crypto = await listCryptoCurrencies({ ...deps, cryptocurrencies }, { userSub });
    if (crypto.available) return { id: 'crypto', available: true };
    const code = crypto.unavailable?.code === 'none_accepted' ? 'none_accepted' : 'not_established';
    return { id: 'crypto', available: false, unavailable: { code, message: crypto.unavailable?.message ?? 'Not available for this account.' } };
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error;
    return { id: 'crypto', available: false, unavailable: { code: 'provider_unreachable', message: error.message } };
  }
}
