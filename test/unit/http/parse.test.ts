import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.js';
import { parse, parseJsonBody, pathId } from '../../../functions/handlers/http/parse.js';
import { addFundsBody, adjustCreditBody } from '../../../functions/handlers/http/credit-schemas.js';
import { createCustomerBody, createInvoiceBody, customersQuery, myInvoicesQuery, updateMeBody } from '../../../functions/handlers/http/schemas.js';

function failureOf(act: () => unknown): ValidationError {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('Expected a ValidationError, and the input was accepted.');
}

const customer = { email: 'ana@example.com', name: 'Ana Lima', currency: 'EUR' };
const invoice = { customerId: 'cus_1', dueDate: '2026-03-15', lines: [{ description: 'Hosting', quantity: 1, unitAmount: 1999 }] };

describe('parse names the field at fault', () => {
  it('accepts a valid body and returns the parsed values', () => {
    expect(parse(createCustomerBody, { ...customer, name: '  Ana Lima ' }, 'body')).toEqual(customer);
  });

  it('names a missing field and says it is required', () => {
    const { email: _, ...withoutEmail } = customer;
    const error = failureOf(() => parse(createCustomerBody, withoutEmail, 'body'));
    expect(error.field).toBe('email');
    expect(error.message).toBe('email is required.');
  });

  it('names a field of the wrong type', () => {
    expect(failureOf(() => parse(createCustomerBody, { ...customer, name: 42 }, 'body')).field).toBe('name');
  });

  it('names a nested field by its dotted path', () => {
    const bad = { ...invoice, lines: [invoice.lines[0], { description: 'VPS', quantity: 'two', unitAmount: 500 }] };
    expect(failureOf(() => parse(createInvoiceBody, bad, 'body')).field).toBe('lines.1.quantity');
  });

  it('names an unknown currency and a date that does not exist', () => {
    expect(failureOf(() => parse(createCustomerBody, { ...customer, currency: 'EURO' }, 'body')).field).toBe('currency');
    expect(failureOf(() => parse(createInvoiceBody, { ...invoice, dueDate: '2026-02-30' }, 'body')).field).toBe('dueDate');
  });

  it('refuses a field the caller may not set, by name, rather than ignoring it (mass assignment)', () => {
    const error = failureOf(() => parse(createCustomerBody, { ...customer, creditBalance: 5 }, 'body'));
    expect(error.field).toBe('creditBalance');
    expect(error.message).toContain('creditBalance');
  });

  it('refuses a fractional amount of minor units', () => {
    const bad = { ...invoice, lines: [{ ...invoice.lines[0], unitAmount: 19.99 }] };
    expect(failureOf(() => parse(createInvoiceBody, bad, 'body')).field).toBe('lines.0.unitAmount');
  });

it('names an unknown key inside a line by its dotted path', () => {
    const bad = { ...invoice, lines: [{ ...invoice.lines[0], amount: 1 }] };
    expect(failureOf(() => parse(createInvoiceBody, bad, 'body')).field).toBe('lines.0.amount');
  });

  it('names an unknown query parameter, and a limit that is not a number', () => {
    expect(failureOf(() => parse(myInvoicesQuery, { status: 'paid', customerId: 'cus_2' }, 'query')).field).toBe('customerId');
    expect(failureOf(() => parse(myInvoicesQuery, { limit: 'lots' }, 'query')).field).toBe('limit');
  });

  it('fills query defaults when nothing is given', () => {
    expect(parse(myInvoicesQuery, undefined, 'query')).toEqual({ limit: 25 });
  });
});

describe('parse says what is wrong with a value, in a sentence naming the field', () => {
  const whole = 'must be a whole number of minor units (cents), such as 1999 for 19.99.';

  it.each([
    ['a fraction of a cent', { amount: 500.5, method: 'card' }, `amount ${whole}`],
    ['a string', { amount: '500', method: 'card' }, `amount ${whole}`],
    ['one past the maximum', { amount: 1_000_000_000_001, method: 'card' }, 'amount can be at most 1,000,000,000,000 minor units (10,000,000,000.00 in a currency with cents).'],
    ['an unknown method', { amount: 500, method: 'gold' }, 'method must be one of "card", "paypal", "crypto".'],
  ])('Add Funds with %s', (_, body, message) => {
    expect(failureOf(() => parse(addFundsBody, body, 'body')).message).toBe(message);
  });

  it('says a credit adjustment and a unit amount must be whole, and autopay true or false', () => {
    expect(failureOf(() => parse(adjustCreditBody, { amount: 1.5, reason: 'x' }, 'body')).message).toBe(`amount ${whole}`);
    const bad = { ...invoice, lines: [{ ...invoice.lines[0], unitAmount: 10.5 }] };
    expect(failureOf(() => parse(createInvoiceBody, bad, 'body')).message).toBe(`lines.0.unitAmount ${whole}`);
    expect(failureOf(() => parse(updateMeBody, { autopay: 'yes' }, 'body')).message).toBe('autopay must be true or false.');
  });

  it('never shows zod’s own wording', () => {
    expect(failureOf(() => parse(customersQuery, { search: 'a'.repeat(201) }, 'query')).message).toBe('search can have at most 200 characters.');
    expect(failureOf(() => parse(createCustomerBody, { ...customer, name: 'n'.repeat(201) }, 'body')).message).toBe('name can have at most 200 characters.');
  });
});

describe('parseJsonBody', () => {
  it('names the body when it is not JSON, or missing', () => {
    expect(failureOf(() => parseJsonBody(createCustomerBody, '{"email": ')).field).toBe('body');
    expect(failureOf(() => parseJsonBody(createCustomerBody, undefined)).field).toBe('body');
  });

  it('parses a JSON body against the schema', () => {
    expect(parseJsonBody(createCustomerBody, JSON.stringify(customer))).toEqual(customer);
  });

  it('names the field when the JSON is not an object of the expected shape', () => {
    expect(failureOf(() => parseJsonBody(createCustomerBody, '[]')).field).toBe('body');
  });
});

describe('pathId', () => {
  it('keeps a well-formed id and turns anything else into one that cannot exist', () => {
    expect(pathId('inv_123')).toBe('inv_123');
    for (const bad of [undefined, '', '../etc', 'x'.repeat(65), 'inv 1']) expect(pathId(bad)).toBe('-');
  });
});
