import { CURRENCY_EXPONENTS } from '../../functions/domain/currencies.js';
import { parseDecimal } from './decimal.js';

/**
 * The sandbox's payment methods: fixed test rates instead of a rate source, and a fixed network fee
 * for on-chain payments (BTCPay adds the network cost to what the customer sends). Each rate is chosen
 * so that one cent (one yen, one fils) is a whole number of satoshis: converting a fiat amount to
 * crypto and back gives the same amount, so tests can pay "exactly 12.34 less".
 */
export interface SandboxPaymentMethod {
  /** BTCPay 2 id. */
  id: string;
  /** The currency sent. */
  cryptoCode: string;
  /** Lightning settles at once; on-chain waits for confirmations. */
  lightning: boolean;
  /** Added to each on-chain payment, in the crypto currency (decimal). */
  networkFee: string;
  /** Fiat per unit of crypto, by fiat currency. */
  rates: Readonly<Record<string, string>>;
}

const BTC_RATES = {
  USD: '50000', EUR: '40000', GBP: '31250', CHF: '40000', CAD: '62500', AUD: '62500', NZD: '62500',
  JPY: '5000000', SEK: '500000', NOK: '500000', DKK: '250000', PLN: '200000', KWD: '12500', BHD: '20000',
} as const;
const LTC_RATES = {
  USD: '100', EUR: '80', GBP: '62.5', CHF: '80', CAD: '125', AUD: '125', NZD: '125',
  JPY: '12500', SEK: '1000', NOK: '1000', DKK: '625', PLN: '400', KWD: '25', BHD: '40',
} as const;

export const PAYMENT_METHODS: readonly SandboxPaymentMethod[] = [
  { id: 'BTC-CHAIN', cryptoCode: 'BTC', lightning: false, networkFee: '0.00000500', rates: BTC_RATES },
  { id: 'BTC-LN', cryptoCode: 'BTC', lightning: true, networkFee: '0', rates: BTC_RATES },
  { id: 'LTC-CHAIN', cryptoCode: 'LTC', lightning: false, networkFee: '0.00010000', rates: LTC_RATES },
];

export function paymentMethod(id: string): SandboxPaymentMethod | undefined {
  return PAYMENT_METHODS.find((method) => method.id === id);
}

/** The test rate of `method` in `fiat` at 10^-8, or undefined when the sandbox has none. */
export function rateOf(method: SandboxPaymentMethod, fiat: string): bigint | undefined {
  const rate = Object.hasOwn(method.rates, fiat) ? method.rates[fiat] : undefined;
  return rate === undefined ? undefined : parseDecimal(rate);
}

/** The fiat currencies every method has a test rate for. */
export const RATED_CURRENCIES = Object.keys(BTC_RATES);

/** A fiat currency's digits (ISO 4217), as BTCPay rounds `paidAmount` to them. */
export function fiatDigits(currency: string): number {
  return CURRENCY_EXPONENTS[currency] ?? 2;
}
