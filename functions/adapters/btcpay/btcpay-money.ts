import { type Money, currency as isoCurrency, isCurrencyCode, minorUnitDigits, money, toDecimalString } from '../../domain/money.js';

/**
 * Money ↔ BTCPay's amount format, the only place it happens. Greenfield takes and gives fiat amounts
 * as decimal strings in major units (`"12.34"` USD, `"1500"` JPY, `"1.250"` KWD) beside an ISO code.
 */
export function toBtcpayAmount(m: Money): { amount: string; currency: string } {
  return { amount: toDecimalString(m), currency: m.currency };
}

/**
 * A decimal string BTCPay gave in `code` as Money, without passing through a float. BTCPay rounds
 * `paidAmount` to the currency's digits as .NET knows them; should those be more than ISO 4217's, the
 * extra digits are rounded half away from zero, as invoices are.
 * @throws RangeError for a malformed decimal; InvalidMoneyError for a currency we do not bill in
 */
export function fromBtcpayAmount(decimal: string, code: string): Money {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new RangeError(`Not a decimal amount: ${JSON.stringify(decimal)}`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const iso = isoCurrency(code);
  const digits = minorUnitDigits(iso);
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let minor = BigInt(`${whole}${kept}`);
  const rest = fraction.slice(digits);
  if (rest.length > 0 && rest.charCodeAt(0) >= '5'.charCodeAt(0)) minor += 1n;
  const value = Number(sign === '-' ? -minor : minor);
  return money(value === 0 ? 0 : value, iso);
}

/** True when BTCPay's currency is one we bill in (an invoice made elsewhere may be in BTC, or SATS). */
export function isBillingCurrency(code: string): boolean {
  return isCurrencyCode(code);
}
