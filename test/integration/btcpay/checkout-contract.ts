import { expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import { PaymentProviderError } from '../../../functions/ports/payments/provider-errors.js';
import { BtcpayClient } from '../../../functions/adapters/btcpay/btcpay-client.js';
import { type BtcpayTarget, uniqueId } from './btcpay-target.js';

/**
 * What the adapter must do against any BTCPay Server: the local sandbox and a real one run these same
 * cases. Nothing here pays: a real store needs a wallet for that.
 */
export function checkoutContract(target: () => BtcpayTarget, baseUrl: () => string): void {
  const inAnHour = () => new Date(Date.now() + 60 * 60_000);

  it('creates an invoice for the fiat amount with our invoice and customer in its metadata, and reads it back', async () => {
    const { checkout, client } = target();
    const invoiceId = uniqueId('inv');
    const customerId = uniqueId('cus');
    const started = await checkout.startCheckout({
      billingCustomerId: customerId, purpose: { invoiceId }, description: 'Invoice 42', amount: money(1234, 'USD'), saveMethod: false,
      successUrl: 'http://localhost:5173/invoices/x?payment=crypto', cancelUrl: 'http://localhost:5173/invoices/x', expiresAt: inAnHour(),
    });
    expect(started.redirectUrl).toMatch(/^https?:\/\/.+/);
    expect(started.expiresAt.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
    expect(started.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 61 * 60_000);
    const invoice = await client.getInvoice(started.checkoutId);
    expect(invoice).toMatchObject({
      id: started.checkoutId, status: 'New', currency: 'USD', metadata: { orderId: invoiceId, invoiceId, customerId, itemDesc: 'Invoice 42' },
    });
    expect(Number(invoice!.amount)).toBe(12.34);
    expect(Number(invoice!.paidAmount ?? '0')).toBe(0);
    expect(await client.getInvoicePaymentMethods(started.checkoutId)).toEqual(expect.arrayContaining([expect.objectContaining({ payments: [] })]));
  });

  it('creates an Add Funds invoice with no invoice of ours in its metadata', async () => {
    const { checkout, client } = target();
    const customerId = uniqueId('cus');
    const started = await checkout.startCheckout({
      billingCustomerId: customerId, purpose: { funds: true }, description: 'Add funds', amount: money(5000, 'EUR'), saveMethod: false,
      successUrl: 'http://localhost:5173/account', cancelUrl: 'http://localhost:5173/account', expiresAt: inAnHour(),
    });
    const invoice = await client.getInvoice(started.checkoutId);
    expect(invoice?.metadata).toMatchObject({ orderId: `funds-${customerId}`, customerId });
    expect(invoice?.metadata).not.toHaveProperty('invoiceId');
    expect([Number(invoice!.amount), invoice!.currency]).toEqual([50, 'EUR']);
  });

  it('sends zero- and three-decimal currencies in their own digits', async () => {
    const { checkout, client } = target();
    for (const [amount, code, expected] of [[1500, 'JPY', 1500], [1250, 'KWD', 1.25]] as const) {
      const started = await checkout.startCheckout({
        billingCustomerId: uniqueId('cus'), purpose: { invoiceId: uniqueId('inv') }, description: 'x', amount: money(amount, code), saveMethod: false,
        successUrl: 'http://localhost/ok', cancelUrl: 'http://localhost/no', expiresAt: inAnHour(),
      }).catch((error: unknown) => error);
      // A real store may have no rate for these; the sandbox has test rates for both.
      if (started instanceof PaymentProviderError) continue;
      if (started instanceof Error) throw started;
      const invoice = await client.getInvoice((started as { checkoutId: string }).checkoutId);
      expect([Number(invoice!.amount), invoice!.currency]).toEqual([expected, code]);
    }
  });

  it('lists the store’s enabled payment methods as cryptocurrencies with BTCPay 2 ids', async () => {
    const list = await target().accepted.list();
    expect(list.length).toBeGreaterThan(0);
    for (const currency of list) expect(currency.id).toMatch(/^[A-Z0-9]+-[A-Z0-9]+$/);
  });

  it('closes an unpaid checkout by marking it invalid, and closing it again is safe', async () => {
    const { checkout, client } = target();
    const started = await checkout.startCheckout({
      billingCustomerId: uniqueId('cus'), purpose: { invoiceId: uniqueId('inv') }, description: 'x', amount: money(700, 'USD'), saveMethod: false,
      successUrl: 'http://localhost/ok', cancelUrl: 'http://localhost/no', expiresAt: inAnHour(),
    });
    expect(await checkout.expireCheckout(started.checkoutId)).toBe('expired');
    expect((await client.getInvoice(started.checkoutId))?.status).toBe('Invalid');
    expect(await checkout.expireCheckout(started.checkoutId)).toBe('expired');
  });

  it('answers undefined for an invoice the store does not have', async () => {
    expect(await target().client.getInvoice('NoSuchInvoice1234567')).toBeUndefined();
    expect(await target().checkout.expireCheckout('NoSuchInvoice1234567')).toBe('expired');
  });

  it('reports a refused API key as not authorized', async () => {
    const { keys } = target();
    const client = new BtcpayClient(async () => ({ ...keys, apiKey: 'wrong-key' }), { baseUrl: baseUrl() });
    const error = await client.listPaymentMethods(true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect((error as PaymentProviderError).reason).toBe('not_authorized');
  });
}
