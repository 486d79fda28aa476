/**
 * A way to pay in a cryptocurrency that the provider's store accepts now: a currency on a network
 * (bitcoin on-chain, bitcoin over Lightning). Shown to the customer before they pay.
 */
export interface Cryptocurrency {
  /** The provider's id, passed back when the customer chooses it (BTCPay 2: `BTC-CHAIN`, `BTC-LN`). */
  readonly id: string;
  /** The currency's ticker, e.g. `BTC`. */
  readonly code: string;
  /** For people: "Bitcoin". */
  readonly name: string;
  /** For people: "on-chain", "Lightning". */
  readonly network: string;
}

/**
 * The cryptocurrencies a customer can pay with now. The list follows the provider's settings (a store
 * that enables Lightning offers it within minutes), so it is asked of the provider, with a short cache.
 */
export interface AcceptedCryptocurrencies {
  /** @throws PaymentProviderUnavailableError on a passing fault */
  list(): Promise<readonly Cryptocurrency[]>;
}
