import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../functions/domain/money.js';
import type { PaymentEvent } from '../../../functions/ports/payments/payment-events.js';
import { type SandboxTarget, startSandboxTarget, uniqueId } from './btcpay-target.js';
import { type WebhookReceiver, startWebhookReceiver } from './webhook-receiver.js';

/**
 * The sandbox's checkout as a customer's wallet drives it (pay exactly, less, more; let it expire;
 * confirmations after a while on the sandbox clock), and what each BTCPay event becomes through the
 * adapter's webhook source: signed as BTCPay signs, read against the invoice as it stands.
 */
describe('BTCPay sandbox payments through the adapter', () => {
  let target: SandboxTarget;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    target = await startSandboxTarget();
    receiver = await startWebhookReceiver(target.webhooks);
    target.sandbox.setWebhookUrl(receiver.url);
  });
  afterAll(async () => {
    await target.stop();
    await receiver.stop();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    target.sandbox.setConfirmationSeconds(600);
  });
  afterEach(() => target.sandbox.resetFaults());

  async function open(amountMinor: number, currency = 'USD', options: { preferredOption?: string } = {}) {
    const invoiceId = uniqueId('inv');
    const customerId = uniqueId('cus');
    const started = await target.checkout.startCheckout({
      billingCustomerId: customerId, purpose: { invoiceId }, description: 'Invoice 7', amount: money(amountMinor, currency), saveMethod: false,
      successUrl: 'http://localhost:5173/invoices/x?payment=crypto', cancelUrl: 'http://localhost:5173/invoices/x',
      expiresAt: new Date(target.sandbox.now() + 30 * 60_000), ...options,
    });
    return { invoiceId, customerId, btcpayId: started.checkoutId, started };
  }
  /** Waits for the deliveries caused so far; returns the neutral events of the allow-listed ones. */
  async function settle(): Promise<PaymentEvent[]> {
    await target.sandbox.webhooksIdle();
    return receiver.received.flatMap((r) => (r.event ? [r.event] : []));
  }

  it('pay exactly on-chain: pending at once, paid in full once the confirmations arrive on the sandbox clock', async () => {
    const { invoiceId, customerId, btcpayId } = await open(2500);
    target.sandbox.pay(btcpayId);
    const whilePending = await settle();
    expect(receiver.received.map((r) => r.type)).toEqual(['InvoiceCreated', 'InvoiceReceivedPayment', 'InvoiceProcessing']);
    expect(whilePending.map((e) => e.type)).toEqual(['payment.pending', 'payment.pending']);
    expect(whilePending[0]).toMatchObject({ method: 'crypto', paymentId: btcpayId, invoiceId, billingCustomerId: customerId });
    expect((await target.client.getInvoice(btcpayId))?.status).toBe('Processing');

    target.sandbox.advanceClock(600_000);
    const events = await settle();
    expect(receiver.received.slice(3).map((r) => r.type)).toEqual(['InvoicePaymentSettled', 'InvoiceSettled']);
    expect(events.at(-1)).toMatchObject({
      type: 'payment.succeeded', method: 'crypto', paymentId: btcpayId, checkoutId: btcpayId, invoiceId, billingCustomerId: customerId,
      amount: { amountMinor: 2500, currency: 'USD' }, endsPending: true,
    });
  });

  it('Lightning settles at once', async () => {
    const { btcpayId } = await open(990, 'EUR', { preferredOption: 'BTC-LN' });
    expect(target.sandbox.invoice(btcpayId)?.checkout.defaultPaymentMethod).toBe('BTC-LN');
    target.sandbox.pay(btcpayId);
    const events = await settle();
    expect(receiver.received.map((r) => r.type)).toEqual(['InvoiceCreated', 'InvoiceReceivedPayment', 'InvoicePaymentSettled', 'InvoiceProcessing', 'InvoiceSettled']);
    expect(events.at(-1)).toMatchObject({ type: 'payment.succeeded', amount: { amountMinor: 990, currency: 'EUR' } });
  });

  it('the checkout page names the exact crypto amount at the test rate, with the network fee', async () => {
    const { started } = await open(2500);
    const html = await (await fetch(started.redirectUrl)).text();
    expect(html).toContain('BTCPay sandbox: no money moves');
    // 25.00 USD at 50,000 USD/BTC is 0.0005 BTC, plus the fixed 0.000005 BTC network fee.
    expect(html).toMatch(/data-crypto-amount>0\.00050500 BTC</);
    expect(html).toMatch(/data-network-fee>0\.00000500 BTC</);
  });

  it('pay less, then let it expire: pending until its payment confirms, then what was paid and no more', async () => {
    const { btcpayId, invoiceId } = await open(4000);
    target.sandbox.pay(btcpayId, { amount: '15.00' });
    target.sandbox.expire(btcpayId);
    const pending = await settle();
    expect(receiver.received.find((r) => r.type === 'InvoiceExpired')).toBeDefined();
    expect(target.sandbox.events().find((e) => e.type === 'InvoiceExpired' && e.invoiceId === btcpayId)).toMatchObject({ partiallyPaid: true });
    expect(pending.map((e) => e.type)).toEqual(['payment.pending', 'payment.pending']);

    target.sandbox.advanceClock(600_000);
    const events = await settle();
    expect(events.at(-1)).toMatchObject({ type: 'payment.succeeded', invoiceId, amount: { amountMinor: 1500, currency: 'USD' }, endsPending: true });
    expect(events.filter((e) => e.type === 'payment.succeeded')).toHaveLength(1);
  });

  it('pay more: settles for the whole amount paid', async () => {
    const { btcpayId } = await open(1000);
    target.sandbox.pay(btcpayId, { amount: '13.37' });
    target.sandbox.advanceClock(600_000);
    const events = await settle();
    expect(target.sandbox.events().find((e) => e.type === 'InvoiceSettled' && e.invoiceId === btcpayId)).toMatchObject({ overPaid: true });
    expect(events.at(-1)).toMatchObject({ type: 'payment.succeeded', amount: { amountMinor: 1337, currency: 'USD' } });
  });

  it('let it expire with nothing paid: the checkout closed, nothing paid', async () => {
    const { btcpayId, invoiceId } = await open(1000);
    target.sandbox.expire(btcpayId);
    const events = await settle();
    expect(events).toEqual([expect.objectContaining({ type: 'checkout.closed', method: 'crypto', checkoutId: btcpayId, invoiceId, endsPending: true })]);
  });

  it('payments that never confirm: BTCPay makes the invoice invalid, and nothing is paid', async () => {
    const { btcpayId } = await open(1000);
    target.sandbox.pay(btcpayId);
    await settle();
    target.sandbox.failToConfirm(btcpayId);
    const events = await settle();
    expect(receiver.received.at(-1)?.type).toBe('InvoiceInvalid');
    expect(events.at(-1)).toMatchObject({ type: 'checkout.closed', checkoutId: btcpayId });
    expect(events.some((e) => e.type === 'payment.succeeded')).toBe(false);
  });

  it('a delivery answered 5xx is redelivered with a new delivery id that names the original; one answered 400 is not', async () => {
    const { btcpayId } = await open(1000);
    await settle();
    receiver.failNext = { count: 2, status: 503 };
    target.sandbox.expire(btcpayId);
    await settle();
    const expired = target.sandbox.deliveries().filter((d) => d.invoiceId === btcpayId && d.type === 'InvoiceExpired');
    expect(expired.map((d) => d.outcome)).toEqual([503, 503, 200]);
    expect(new Set(expired.map((d) => d.deliveryId)).size).toBe(3);
    expect(expired.slice(1).every((d) => d.originalDeliveryId === expired[0]!.deliveryId)).toBe(true);
    const accepted = receiver.received.filter((r) => r.type === 'InvoiceExpired').at(-1)!;
    expect(accepted).toMatchObject({ isRedelivery: true, originalDeliveryId: expired[0]!.deliveryId, dedupeKey: `${btcpayId}:InvoiceExpired` });

    const second = await open(1000);
    await settle();
    receiver.failNext = { count: 1, status: 400 };
    target.sandbox.expire(second.btcpayId);
    await settle();
    expect(target.sandbox.deliveries().filter((d) => d.invoiceId === second.btcpayId && d.type === 'InvoiceExpired').map((d) => d.outcome)).toEqual([400]);
  });

  it('a redelivery asked for by hand carries a new delivery id and the same dedupe key', async () => {
    const { btcpayId } = await open(1000);
    target.sandbox.expire(btcpayId);
    await settle();
    const first = receiver.received.find((r) => r.type === 'InvoiceExpired')!;
    const again = target.sandbox.redeliver(first.deliveryId)!;
    await settle();
    const second = receiver.received.at(-1)!;
    expect(second).toMatchObject({ deliveryId: again, originalDeliveryId: first.deliveryId, isRedelivery: true, dedupeKey: first.dedupeKey });
    expect(again).not.toBe(first.deliveryId);
  });

  it('the accepted list follows the store’s settings, asked again once the cache is two minutes old', async () => {
    let now = 0;
    const accepted = new (await import('../../../functions/adapters/btcpay/btcpay-accepted-cryptocurrencies.js')).BtcpayAcceptedCryptocurrencies(target.client, () => now);
    target.sandbox.setAcceptedMethods(['BTC-CHAIN', 'BTC-LN']);
    expect((await accepted.list()).map((c) => c.id)).toEqual(['BTC-CHAIN', 'BTC-LN']);
    target.sandbox.setAcceptedMethods(['BTC-CHAIN', 'LTC-CHAIN']);
    now = 119_999;
    expect((await accepted.list()).map((c) => c.id)).toEqual(['BTC-CHAIN', 'BTC-LN']);
    now = 120_000;
    expect(await accepted.list()).toEqual([
      { id: 'BTC-CHAIN', code: 'BTC', name: 'Bitcoin', network: 'on-chain' },
      { id: 'LTC-CHAIN', code: 'LTC', name: 'Litecoin', network: 'on-chain' },
    ]);
    target.sandbox.setAcceptedMethods(['BTC-CHAIN', 'BTC-LN']);
  });
});
