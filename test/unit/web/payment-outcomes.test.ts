import { describe, expect, it } from 'vitest';
import type { Invoice, PaymentResult } from '../../../web/src/api/types.js';
import { ALREADY_PAID, pendingText } from '../../../web/src/payments/payment-selector.js';
import { paymentAttempt } from '../../../web/src/payments/start-invoice-payment.js';

/** What the invoice page tells a customer about a payment: pending by its method, or paid before this tab's attempt. */
describe('Payment outcomes on the invoice page', () => {
  it('says what a pending payment waits for by its method: only crypto speaks of network confirmations', () => {
    expect(pendingText({ pendingMethod: 'crypto' })).toContain('network confirmations');
    expect(pendingText({ pendingMethod: 'paypal' })).toContain('PayPal holds your payment until it clears');
    expect(pendingText({ pendingMethod: 'paypal' })).not.toMatch(/crypto|confirmations/i);
    expect(pendingText({})).not.toMatch(/crypto|confirmations/i);
  });

  it('an answer of already_paid is not shown as a payment made here', () => {
    const invoice = { id: 'inv_1', status: 'paid' } as Invoice;
    const attempt = paymentAttempt({ status: 'already_paid', invoice } as PaymentResult);
    expect(attempt).toEqual({ kind: 'already_paid', invoice });
    expect(ALREADY_PAID).toBe('This invoice was already paid. Nothing was taken now.');
  });
});
