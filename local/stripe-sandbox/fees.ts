import { newId } from './ids.js';
import type { BalanceTransaction, Charge } from './objects.js';

/**
 * What the sandbox's account pays for a card payment, on the shape of Stripe's standard US pricing
 * (stripe.com/pricing): 2.9% + 0.30 USD for a card issued in the account's country, 1.5% more for a
 * card issued abroad, 1% more when the payment is converted into the settlement currency. The account
 * is in the United States and settles in USD. Rounded half up to the cent, as one fee.
 */
export const SANDBOX_ACCOUNT_COUNTRY = 'US';
export const SANDBOX_SETTLEMENT_CURRENCY = 'usd';
const DOMESTIC_BASIS_POINTS = 290;
const INTERNATIONAL_BASIS_POINTS = 150;
const CONVERSION_BASIS_POINTS = 100;
const FIXED_FEE_MINOR = 30;
/** Days before the money is available, as for a new US account. */
const PAYOUT_DAYS = 2;

/**
 * Fixed, made-up rates into USD (one unit of the currency in USD): a sandbox must answer the same
 * every time. A currency not listed settles in itself, as if the account held a balance in it.
 */
const USD_PER_UNIT: Readonly<Record<string, number>> = {
  usd: 1, eur: 1.08, gbp: 1.27, cad: 0.73, aud: 0.66, nzd: 0.6, chf: 1.13, sek: 0.095, nok: 0.093, dkk: 0.145,
  jpy: 0.0067, brl: 0.18, mxn: 0.058, inr: 0.012,
};

function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * The balance transaction Stripe books for a captured charge: the amount as it reached the balance
 * (converted into USD when the charge was in another listed currency), the fee, and what is left.
 */
export function bookCharge(charge: Charge, cardCountry: string, nowSeconds: number): BalanceTransaction {
  const rate = charge.currency === SANDBOX_SETTLEMENT_CURRENCY ? undefined : USD_PER_UNIT[charge.currency];
  const currency = rate === undefined ? charge.currency : SANDBOX_SETTLEMENT_CURRENCY;
  const amount = rate === undefined
    ? charge.amount
    : Math.round(charge.amount * rate * 10 ** (minorDigits(SANDBOX_SETTLEMENT_CURRENCY) - minorDigits(charge.currency)));
  const basisPoints = DOMESTIC_BASIS_POINTS
    + (cardCountry === SANDBOX_ACCOUNT_COUNTRY ? 0 : INTERNATIONAL_BASIS_POINTS)
    + (rate === undefined ? 0 : CONVERSION_BASIS_POINTS);
  // The fixed part is 30 minor units of the settlement currency (0.30 USD).
  const fee = Math.floor((amount * basisPoints + 5_000) / 10_000) + FIXED_FEE_MINOR;
  return {
    id: newId('txn'),
    object: 'balance_transaction',
    created: nowSeconds,
    amount,
    available_on: nowSeconds + PAYOUT_DAYS * 86_400,
    currency,
    description: charge.description,
    exchange_rate: rate ?? null,
    fee,
    fee_details: [{ amount: fee, application: null, currency, description: 'Stripe processing fees', type: 'stripe_fee' }],
    net: amount - fee,
    reporting_category: 'charge',
    source: charge.id,
    status: 'pending',
    type: 'charge',
  };
}
