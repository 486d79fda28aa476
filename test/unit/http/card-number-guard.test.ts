import { randomIdGenerator } from '../../../functions/adapters/ids/random-id-generator.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors.js';
import { assertNoCardNumber, containsCardNumber } from '../../../functions/handlers/http/card-number-guard.js';
import { runs } from '../domain/property-runs.js';

/** The digit that makes `body` pass the Luhn check. */
function luhnCheckDigit(body: string): number {
  let total = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) { d *= 2; if (d > 9) d -= 9; }
    total += d;
  }
  return (10 - (total % 10)) % 10;
}

const inJson = (value: unknown) => JSON.stringify({ customerId: 'cus_1', note: value });

describe('card-number guard', () => {
  it.each([
    ['spaced', '4242 4242 4242 4242'],
    ['dashed', '4242-4242-4242-4242'],
    ['plain (3-D Secure test card)', '4000002760003184'],
    ['Amex, 15 digits', '3782 822463 10005'],
    ['inside a sentence', 'please charge my card 4242424242424242 thanks'],
  ])('detects a card number %s in a JSON body', (_, card) => {
    expect(containsCardNumber(inJson(card))).toBe(true);
  });

  it.each([
    ['as JSON escapes', '{"note":"\\u0034\\u0032\\u0034\\u0032424242424242"}'],
    ['in full-width digits', inJson('４２４２４２４２４２４２４２４２')],
    ['with dots between the groups', inJson('4242.4242.4242.4242')],
    ['with zero-width spaces between the digits', inJson('4242\u200B4242\u200B4242\u200B4242')],
    ['with a zero-width joiner inside a group', inJson('4242 42\u200D42 4242 4242')],
    ['with no-break spaces between the groups', inJson('4242\u00A04242\u00A04242\u00A04242')],
    ['with soft hyphens between the digits', inJson('4242\u00AD4242\u00AD4242\u00AD4242')],
    ['as an object key', '{"4242424242424242": "x"}'],
  ])('detects a card number written %s', (_, body) => {
    expect(containsCardNumber(body)).toBe(true);
    expect(() => assertNoCardNumber(body, 'body')).toThrow(ValidationError);
  });

  it('detects a card number sent as a JSON number', () => {
    expect(containsCardNumber('{"card":4242424242424242}')).toBe(true);
  });

  it.each([
    ['a 16-digit number failing Luhn', '4242424242424241'],
    ['an ISO timestamp', '2026-03-01T09:00:00.000Z'],
    ['an invoice id', 'inv_8f0c2a7be1d94c6f9a3e5b7d2c1f0a9e'],
    ['a phone number', '+44 20 7946 0958'],
    ['a US phone number', '+1 (415) 555-2671'],
    ['an amount in cents', '129900'],
    ['a calendar date', '2026-03-15'],
  ])('does not mistake %s for a card number', (_, value) => {
    expect(containsCardNumber(inJson(value))).toBe(false);
  });

  it('detects every 13- to 19-digit number that passes Luhn, and none whose check digit is wrong', () => {
    const body = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 18 });
    fc.assert(fc.property(body, fc.integer({ min: 1, max: 9 }), (digits, offBy) => {
      const check = luhnCheckDigit(digits);
      expect(containsCardNumber(inJson(`${digits}${check}`))).toBe(true);
      expect(containsCardNumber(inJson(`${digits}${(check + offBy) % 10}`))).toBe(false);
    }), runs());
  });

  it('refuses a body with a card number as a validation error naming where it was found', () => {
    let error: unknown;
    try { assertNoCardNumber(inJson('4242 4242 4242 4242'), 'body'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('body');
  });

  it('lets an absent or empty input through', () => {
    expect(() => assertNoCardNumber(undefined, 'body')).not.toThrow();
    expect(() => assertNoCardNumber('', 'body')).not.toThrow();
  });

  it('does not take the digit groups of a UUID (request and correlation ids in logs) for a card number', () => {
    expect(containsCardNumber('"correlation_id":"71651368-5253-4dc5-95db-4b78d2992266"')).toBe(false);
    expect(containsCardNumber('a1234567-1234-1234-1234-123456789012')).toBe(false);
  });

  it('still finds an Amex number written 4-6-5', () => {
    expect(containsCardNumber('card 3782 822463 10005')).toBe(true);
  });

  it('never mistakes a generated id for a card number: ids are letters only', () => {
    for (let i = 0; i < 20_000; i++) {
      const id = randomIdGenerator.newId('cus');
      expect(containsCardNumber(JSON.stringify({ customerId: id, dueDate: '2026-03-15' }))).toBe(false);
    }
  });
});
