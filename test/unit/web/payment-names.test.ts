import { describe, expect, it } from 'vitest';
import { declineMessage } from '../../../functions/adapters/stripe/decline-message.js';
import { declineDetailForStaff } from '../../../web/src/payments/payment-names.js';

describe('A decline as staff read it', () => {
  it('keeps what the customer’s sentence says beyond “Your card was declined”, from the sentences the server writes', () => {
    expect(declineDetailForStaff(declineMessage('insufficient_funds'))).toBe('insufficient funds.');
    expect(declineDetailForStaff(declineMessage('an_unknown_reason'))).toBe('an unknown reason.');
    expect(declineDetailForStaff(declineMessage('generic_decline'))).toBeUndefined();
    expect(declineDetailForStaff(declineMessage('processing_error'))).toBe(declineMessage('processing_error'));
    expect(declineDetailForStaff(undefined)).toBeUndefined();
  });
});
