import { describe, expect, it } from 'vitest';
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
