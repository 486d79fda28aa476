import { describe, expect, it } from 'vitest';
import { BILLING_CURRENCIES } from '../../../functions/domain/currencies.js';
import { currency, money, toDecimalString } from '../../../functions/domain/money.js';
import { formatDate, formatMoney, formatQuantity, lineAmount, moneyInputProblem, parseMoney } from '../../../web/src/format.js';

/**
 * Money and dates look the same in the web app, the PDF and the processor: the web app formats with
 * the server's ISO 4217 exponents and computes a line as the server does.
 */
describe('The web app formats money with the server’s exponents', () => {
  it.each([
    ['HUF', 500_000, '5,000.00'],
    ['IDR', 1_500_000, '15,000.00'],
    ['COP', 2_500_000, '25,000.00'],
    ['ISK', 5000, '5,000'],
    ['JPY', 5000, '5,000'],
    ['KWD', 1005, '1.005'],
    ['USD', 123456789, '1,234,567.89'],
  ])('%s %i minor units read as %s, the amount the PDF and Stripe get', (code, minor, shown) => {
    expect(formatMoney(minor, code)).toContain(shown);
    expect(toDecimalString(money(minor, currency(code))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')).toContain(shown.split('.')[0]!);
  });

  it('formats every billing currency without falling back to a bare code', () => {
    for (const code of BILLING_CURRENCIES) expect(formatMoney(100, code), code).not.toMatch(new RegExp(`^\\S+ ${code}$`));
  });

  it('prices a line as the server does: 1.005 × 1.00 USD is 1.01 USD, exactly', () => {
    expect(lineAmount(100, 1.005, 'USD')).toBe(101);
    expect(lineAmount(8000, 1.5, 'USD')).toBe(12000);
    expect(lineAmount(333, 1.5, 'USD')).toBe(500);
    expect(lineAmount(100, 0, 'USD')).toBeUndefined();
  });

  it('prints quantities as plain decimals, never in exponent form', () => {
    expect(formatQuantity(0.0000005)).toBe('0.0000005');
    expect(formatQuantity(1.5)).toBe('1.5');
    expect(formatQuantity(1_000_000)).toBe('1,000,000');
  });

  it('shows a calendar date as the same day in every time zone', () => {
    expect(formatDate('2026-03-01')).toMatch(/Mar 1, 2026|1 Mar 2026/);
  });

  it('reads an amount typed in major units with the currency’s own decimals, and says what is wrong with one that is not', () => {
    expect(parseMoney('12.5', 'USD')).toBe(1250);
    expect(parseMoney('1000', 'JPY')).toBe(1000);
    expect(parseMoney('1.234', 'KWD')).toBe(1234);
    expect(moneyInputProblem('12.50', 'USD')).toBeUndefined();
    expect(moneyInputProblem('12.505', 'USD')).toBe('Enter an amount in USD with at most 2 decimals, such as 10.00.');
    expect(moneyInputProblem('12.5', 'JPY')).toBe('Enter a whole amount in JPY, such as 500.');
    expect(moneyInputProblem('1.2345', 'KWD')).toBe('Enter an amount in KWD with at most 3 decimals, such as 10.000.');
    expect(moneyInputProblem('0', 'USD')).toBe('Enter an amount greater than zero.');
    expect(moneyInputProblem('-5', 'USD')).toBe('Enter an amount greater than zero.');
    expect(moneyInputProblem('ten', 'USD')).toMatch(/^Enter an amount in USD/);
  });
});
