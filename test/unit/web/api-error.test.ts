import { describe, expect, it } from 'vitest';
import { apiErrorFrom, inWords } from '../../../web/src/api/api-error.js';

describe('API errors as people read them', () => {
  it('turns a field path at the start of a 400 into words', () => {
    expect(inWords('lines.0.unitAmount can be at most 1,000,000,000,000 minor units.', 'lines.0.unitAmount'))
      .toBe('Line 1, unit price can be at most 1,000,000,000,000 minor units.');
    expect(inWords('amount must be a whole number.', 'amount')).toBe('Amount must be a whole number.');
    expect(inWords('receivedOn is required.', 'receivedOn')).toBe('Day received is required.');
    expect(inWords('billingAddress.2 is too long.', 'billingAddress.2')).toBe('Billing address line 3 is too long.');
  });

  it('drops the field’s name before a sentence of its own, and leaves other messages alone', () => {
    expect(inWords('name: Enter the customer’s name.', 'name')).toBe('Enter the customer’s name.');
    expect(inWords('The end date cannot be before the start date.', 'to')).toBe('The end date cannot be before the start date.');
    expect(inWords('A payment with reference TX-42 is already recorded.', undefined)).toBe('A payment with reference TX-42 is already recorded.');
  });

  it('does so for the 400s the web app receives, and keeps the field for the form', () => {
    const error = apiErrorFrom(400, { error: { code: 'validation_error', field: 'lines.1.quantity', message: 'lines.1.quantity must be at least 1.' } });
    expect(error.message).toBe('Line 2, quantity must be at least 1.');
    expect(error.field).toBe('lines.1.quantity');
  });
});
