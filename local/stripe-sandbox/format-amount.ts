/**
 * An amount in minor units written as Stripe writes it in messages and on its pages ("$25.00",
 * "¥500"): the currency's own number of decimals, from the runtime's ISO 4217 data.
 */
export function formatAmount(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
