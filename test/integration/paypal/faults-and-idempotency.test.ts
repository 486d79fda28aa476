import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PayPalCheckout } from '../../../functions/adapters/paypal/paypal-checkout.js';
import { PayPalClients } from '../../../functions/adapters/paypal/paypal-client.js';
import { money } from '../../../functions/domain/money.js';
import { PaymentProviderError, PaymentProviderUnavailableError } from '../../../functions/ports/payments/provider-errors.js';
import { type SandboxTarget, startSandboxTarget, uniqueId } from './paypal-target.js';

/** The adapter against the sandbox's faults: a capture whose answer is lost is taken once; failures are sorted. */
describe('PayPal adapter under faults', () => {
  let target: SandboxTarget;
  beforeAll(async () => {
    target = await startSandboxTarget();
  });
  afterAll(() => target.stop());
  beforeEach(() => target.sandbox.resetFaults());

  const approvedOrder = async () => {
    const invoiceId = uniqueId('inv');
    const started = await target.checkout.startCheckout({
      billingCustomerId: uniqueId('cust'), purpose: { invoiceId }, description: 'Invoice 7', amount: money(3000, 'EUR'), saveMethod: false,
      successUrl: 'http://localhost/ok', cancelUrl: 'http://localhost/no', expiresAt: new Date(Date.now() + 3_600_000),
    });
    await target.approve(started.redirectUrl, 'approve');
    return { invoiceId, orderId: started.checkoutId };
  };

  it('captures once when the capture’s answer is lost (500 or a cut connection): the retry under the same request id gets it', async () => {
    for (const fault of ['loseNextCaptureResponseWith500', 'loseNextCaptureResponseWithReset'] as const) {
      const { invoiceId, orderId } = await approvedOrder();
      target.sandbox.faults[fault] = 1;
      const outcome = await target.checkout.capture(orderId);
      expect(outcome).toMatchObject({ status: 'completed', amount: { amountMinor: 3000, currency: 'EUR' } });
      expect(await target.checkout.capture(orderId)).toEqual(outcome);
      expect(target.sandbox.captureCount(invoiceId)).toBe(1);
    }
  });

  it('reports a passing fault that outlasts the retry as unavailable, and captures once when asked again', async () => {
    const { invoiceId, orderId } = await approvedOrder();
    target.sandbox.faults.failNextWith500 = 2;
    await expect(target.checkout.capture(orderId)).rejects.toBeInstanceOf(PaymentProviderUnavailableError);
    expect((await target.checkout.capture(orderId)).status).toBe('completed');
    expect(target.sandbox.captureCount(invoiceId)).toBe(1);
  });

  it('reports wrong credentials as not authorized, never as a passing fault', async () => {
    const wrong = new PayPalCheckout(new PayPalClients(async () => ({ ...target.credentials, clientSecret: 'wrong' }), { baseUrl: target.sandbox.url }));
    const attempt = wrong.capture('ANYORDER');
    await expect(attempt).rejects.toBeInstanceOf(PaymentProviderError);
  });
});
