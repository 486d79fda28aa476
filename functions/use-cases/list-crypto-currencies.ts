import type { EstablishedCustomerRule } from '../domain/established-customer.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { AcceptedCryptocurrencies, Cryptocurrency } from '../ports/payments/accepted-cryptocurrencies.js';
import { type EstablishmentDeps, customerEstablishment } from './steps/check-established-customer.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';
import { providerCall } from './steps/provider-call.js';

/** Why the signed-in customer cannot pay by crypto now, for the page to say so beside the option. */
export type CryptoUnavailable =
  | { code: 'not_set_up'; message: string }
  | { code: 'none_accepted'; message: string }
  | { code: 'not_established'; message: string; oldEnoughAt?: string; paidInvoicesNeeded: number };

export interface CryptoCurrencies {
  /** What the store accepts now (empty when crypto is not set up). */
  currencies: readonly Cryptocurrency[];
  /** Whether this customer may pay by crypto now. */
  available: boolean;
  unavailable?: CryptoUnavailable;
  rule: EstablishedCustomerRule;
}

/**
 * What the customer sees before choosing crypto: the cryptocurrencies accepted now (the provider's
 * store settings, cached for a couple of minutes), and whether they may pay with them, or why not and
 * when they will qualify.
 * @throws ProviderUnavailableError when the provider cannot be asked for its list (502)
 */
export async function listCryptoCurrencies(
  deps: EstablishmentDeps & { customers: CustomerRepository; cryptocurrencies: AcceptedCryptocurrencies | undefined },
  input: { userSub: string },
): Promise<CryptoCurrencies> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const rule = deps.establishedCustomer;
  const accepted = deps.cryptocurrencies;
  if (!accepted) {
    return { currencies: [], available: false, unavailable: { code: 'not_set_up', message: 'Cryptocurrency payments are not set up.' }, rule };
  }
  const [currencies, status] = await Promise.all([
    providerCall(() => accepted.list(), 'We could not reach our cryptocurrency payment provider. Please try again in a few minutes.'),
    customerEstablishment(deps, customer),
  ]);
  if (!status.established) {
    const { reason, paidInvoicesNeeded, oldEnoughAt } = status;
    return { currencies, available: false, unavailable: { code: 'not_established', message: reason, paidInvoicesNeeded, ...(oldEnoughAt ? { oldEnoughAt } : {}) }, rule };
  }
  if (currencies.length === 0) {
    return { currencies, available: false, unavailable: { code: 'none_accepted', message: 'No cryptocurrency is accepted at the moment.' }, rule };
  }
  return { currencies, available: true, rule };
}
