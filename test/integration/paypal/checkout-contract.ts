import { expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { PaymentProviderError } from '../../../functions/ports/payments/provider-errors.js';
import { type PayPalTarget, uniqueId } from './paypal-target.js';

const input = (invoiceId: string, amountMinor = 1999, currency = 'USD') => ({
  billingCustomerId: uniqueId('cust'), purpose: { invoiceId }, description: 'Invoice 42', amount: money(amountMinor, currency), saveMethod: false,
  successUrl: 'http://localhost:5173/invoices/x?payment=paypal', cancelUrl: 'http://localhost:5173/invoices/x?payment=cancelled', expiresAt: new Date(Date.now() + 3_600_000),
});

/**
 * What the PayPal adapter must do against any PayPal: the local sandbox and PayPal's own sandbox run
 * these cases. Those that need a buyer to approve run where the target can approve (the local one).
 */
export function checkoutContract(target: () => PayPalTarget): void {
  it('creates an order for an invoice and gives the approval page to send the customer to', async () => {
    const started = await target().checkout.startCheckout(input(uniqueId('inv')));
    expect(started.checkoutId).toMatch(/^[A-Z0-9]{10,}$/);
    expect(started.redirectUrl).toMatch(/^https?:\/\/.*token=/);
  });

  it('creates orders in zero-decimal currencies in whole units (JPY), and refuses nothing it converted', async () => {
    const started = await target().checkout.startCheckout(input(uniqueId('inv'), 1500, 'JPY'));
    expect(started.checkoutId).toBeTruthy();
  });

  it('captures nothing before the buyer approves, and treats such an order as closed (it will never be captured)', async () => {
    const started = await target().checkout.startCheckout(input(uniqueId('inv')));
    expect(await target().checkout.capture(started.checkoutId)).toEqual({ status: 'not_approved' });
    expect(await target().checkout.expireCheckout(started.checkoutId)).toBe('expired');
  });

  it('captures an approved order once, however often it is asked, and reports the amount taken', async () => {
    const { checkout, approve } = target();
    if (!approve) return;
    const started = await checkout.startCheckout(input(uniqueId('inv'), 4250));
    await approve(started.redirectUrl, 'approve');
    expect(await checkout.expireCheckout(started.checkoutId)).toBe('completed');
    const first = await checkout.capture(started.checkoutId);
    const again = await checkout.capture(started.checkoutId);
    expect(first).toMatchObject({ status: 'completed', amount: { amountMinor: 4250, currency: 'USD' } });
    expect(again).toEqual(first);
  });

  it('reports a capture PayPal holds (an eCheck) as pending, and one it denies as declined', async () => {
    const { checkout, approve } = target();
    if (!approve) return;
    const held = await checkout.startCheckout(input(uniqueId('inv')));
    await approve(held.redirectUrl, 'pending');
    expect(await checkout.capture(held.checkoutId)).toMatchObject({ status: 'pending' });
    const denied = await checkout.startCheckout(input(uniqueId('inv')));
    await approve(denied.redirectUrl, 'deny');
    expect(await checkout.capture(denied.checkoutId)).toMatchObject({ status: 'declined' });
  });

  it('refunds a capture once per key, and refuses a refund of a capture refunded in full', async () => {
    const { checkout, approve } = target();
    if (!approve) return;
    const started = await checkout.startCheckout(input(uniqueId('inv'), 1200));
    await approve(started.redirectUrl, 'approve');
    const captured = await checkout.capture(started.checkoutId);
    if (captured.status !== 'completed') throw new Error('not captured');
    const refund = { paymentId: captured.paymentId, amount: money(1200, 'USD'), idempotencyKey: uniqueId('refund'), reason: 'duplicate' as const };
    const first = await checkout.refund(refund);
    expect(first).toMatchObject({ status: 'succeeded' });
    expect(await checkout.refund(refund)).toEqual(first);
    const another = checkout.refund({ ...refund, idempotencyKey: uniqueId('refund') });
    await expect(another).rejects.toBeInstanceOf(PaymentProviderError);
  });

  it('starts an Add Funds order (no invoice): the money is for credit', async () => {
    const started = await target().checkout.startCheckout({ ...input('unused'), purpose: { funds: true } });
    expect(started.checkoutId).toBeTruthy();
  });
}
