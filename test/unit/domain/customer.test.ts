import { describe, expect, it } from 'vitest';
import { MAX_ADDRESS_LINE_LENGTH, MAX_ADDRESS_LINES, MAX_TAX_ID_LENGTH, billingDetailsChange } from '../../../functions/domain/billing-details.js';
import { newCustomer, normalizeEmail } from '../../../functions/domain/customer.js';
import { ValidationError } from '../../../functions/domain/errors.js';
import { type LedgerEntry, balanceOf } from '../../../functions/domain/ledger-entry.js';
import { currency, money } from '../../../functions/domain/money.js';

const EUR = currency('EUR');
const base = { id: 'cus_1', email: 'Ana@Example.COM ', name: ' Ana Lima ', currency: EUR, userSub: 'sub-1', createdAt: new Date('2026-03-01T09:00:00Z') };

describe('Customer', () => {
  it('normalizes the email to trimmed lower case', () => {
    expect(normalizeEmail('  Ana.Lima@Example.COM ')).toBe('ana.lima@example.com');
  });

  it.each(['', 'ana', 'ana@', 'ana@example', 'a b@example.com', `${'a'.repeat(250)}@example.com`])('refuses the email %j, naming the field', (email) => {
    expect(() => normalizeEmail(email)).toThrow(expect.objectContaining({ field: 'email' }));
  });

  it('starts with no credit, in its own currency, with autopay on', () => {
    const customer = newCustomer(base);
    expect(customer).toMatchObject({ email: 'ana@example.com', name: 'Ana Lima', currency: 'EUR', autopay: true, createdAt: '2026-03-01T09:00:00.000Z' });
    expect(customer.creditBalance).toEqual(money(0, EUR));
  });

  it('needs a name', () => {
    expect(() => newCustomer({ ...base, name: '  ' })).toThrow(ValidationError);
  });
});

describe('Ledger balance', () => {
  const entry = (amount: number, kind: LedgerEntry['kind']): LedgerEntry => ({
    id: `le_${amount}`, customerId: 'cus_1', kind, amount: money(amount, EUR), createdAt: '2026-03-01T09:00:00Z', description: kind,
  });

  it('is the sum of the signed entries', () => {
    const entries = [entry(5000, 'funds_added'), entry(-1999, 'credit_applied'), entry(250, 'overpayment'), entry(-1, 'adjustment')];
    expect(balanceOf(EUR, entries)).toEqual(money(3250, EUR));
  });

  it('is zero with no entries', () => {
    expect(balanceOf(EUR, [])).toEqual(money(0, EUR));
  });
});

describe('Billing details', () => {
  it('trims each line, drops blank ones and keeps letters of any script', () => {
    expect(billingDetailsChange({ billingAddress: ['  Rynek Główny 1 ', '', '31-042 Kraków', '   '], taxId: ' PL1234567890 ' }))
      .toEqual({ billingAddress: ['Rynek Główny 1', '31-042 Kraków'], taxId: 'PL1234567890' });
  });

  it('clears a field sent empty or null and leaves out a field not sent', () => {
    expect(billingDetailsChange({ billingAddress: [' ', ''], taxId: '' })).toEqual({ billingAddress: null, taxId: null });
    expect(billingDetailsChange({ billingAddress: null })).toEqual({ billingAddress: null });
    expect(billingDetailsChange({})).toEqual({});
  });

  it.each([
    ['a line break inside a line', { billingAddress: ['1 Main St\nEvil line'] }, 'billingAddress.0'],
    ['a tab', { billingAddress: ['ok', 'a\tb'] }, 'billingAddress.1'],
    ['a NUL', { taxId: 'DE\u0000123' }, 'taxId'],
    ['a right-to-left override', { billingAddress: ['Main St \u202Edlrow'] }, 'billingAddress.0'],
    ['a C1 control', { taxId: 'GB\u0085123' }, 'taxId'],
    ['a line too long', { billingAddress: ['x'.repeat(MAX_ADDRESS_LINE_LENGTH + 1)] }, 'billingAddress.0'],
    ['too many lines', { billingAddress: Array.from({ length: MAX_ADDRESS_LINES + 1 }, (_, i) => `Line ${i}`) }, 'billingAddress'],
    ['a tax ID too long', { taxId: 'X'.repeat(MAX_TAX_ID_LENGTH + 1) }, 'taxId'],
  ])('refuses %s, naming the field', (_, input, field) => {
    expect(() => billingDetailsChange(input)).toThrow(expect.objectContaining({ field }));
  });

  it('counts characters, not UTF-16 units: a line of the longest length in a non-Latin script passes', () => {
    const line = '𠮷'.repeat(MAX_ADDRESS_LINE_LENGTH); // outside the BMP: two UTF-16 units each
    expect(billingDetailsChange({ billingAddress: [line] })).toEqual({ billingAddress: [line] });
  });
});
