import type { Cryptocurrency } from '../../ports/payments/accepted-cryptocurrencies.js';

/** Tickers BTCPay supports (itself or through plugins), as people name them. */
const CURRENCY_NAMES: Readonly<Record<string, string>> = {
  BTC: 'Bitcoin', LTC: 'Litecoin', XMR: 'Monero', ETH: 'Ether', USDT: 'Tether (USDT)', USDC: 'USD Coin',
  DOGE: 'Dogecoin', DASH: 'Dash', ZEC: 'Zcash', GRS: 'Groestlcoin', BTG: 'Bitcoin Gold', LBTC: 'Liquid Bitcoin',
};

/** BTCPay 2's payment method suffixes (`<ticker>-<kind>`), as people name them. */
const NETWORK_NAMES: Readonly<Record<string, string>> = {
  CHAIN: 'on-chain', LN: 'Lightning', LNURL: 'Lightning (LNURL)',
};

/**
 * A BTCPay 2 payment method id (`BTC-CHAIN`, `BTC-LN`, `LTC-CHAIN`) as a cryptocurrency to show. An id
 * of a plugin we do not know keeps its own words: `XYZ-FOO` is "XYZ", network "FOO".
 */
export function cryptocurrencyOf(paymentMethodId: string): Cryptocurrency {
  const dash = paymentMethodId.indexOf('-');
  const code = (dash < 0 ? paymentMethodId : paymentMethodId.slice(0, dash)).toUpperCase();
  const kind = dash < 0 ? 'CHAIN' : paymentMethodId.slice(dash + 1).toUpperCase();
  return {
    id: paymentMethodId,
    code,
    name: CURRENCY_NAMES[code] ?? code,
    network: NETWORK_NAMES[kind] ?? kind,
  };
}
