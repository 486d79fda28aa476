import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BtcpayClient } from '../../../functions/adapters/btcpay/btcpay-client.js';
import { money } from '../../../functions/domain/money.js';
import { PaymentProviderError, PaymentProviderUnavailableError, WebhookSignatureError } from '../../../functions/ports/payments/provider-errors.js';
import { type SandboxTarget, startSandboxTarget, uniqueId } from './btcpay-target.js';

/**
 * The sandbox speaks Greenfield as BTCPay does (auth header, error shapes, validation), its fault
 * switches reach the adapter as the port's errors, and the webhook source refuses what BTCPay did not sign.
 */
describe('BTCPay sandbox wire format and faults', () => {
  let target: SandboxTarget;
  beforeAll(async () => {
    target = await startSandboxTarget();
  });
  afterAll(() => target.stop());
  afterEach(() => target.sandbox.resetFaults());

  const raw = (path: string, init: RequestInit & { key?: string } = {}) => fetch(`${target.sandbox.url}${path}`, {
    ...init, headers: { 'content-type': 'application/json', authorization: `token ${init.key ?? target.keys.apiKey}` },
  });
  const store = () => `/api/v1/stores/${target.keys.storeId}`;
  const start = (amountMinor = 1000) => target.checkout.startCheckout({
    billingCustomerId: uniqueId('cus'), purpose: { invoiceId: uniqueId('inv') }, description: 'x', amount: money(amountMinor, 'USD'), saveMethod: false,
    successUrl: 'http://localhost/ok', cancelUrl: 'http://localhost/no', expiresAt: new Date(Date.now() + 30 * 60_000),
  });

  it('answers BTCPay’s error shapes: 401 unauthenticated, 403 missing-permission, 404 invoice-not-found, 422 validation list', async () => {
    const unauthenticated = await raw(`${store()}/invoices/x`, { key: 'nope' });
    expect([unauthenticated.status, await unauthenticated.json()]).toEqual([401, { code: 'unauthenticated', message: 'Authentication is required for accessing this endpoint' }]);
    const otherStore = await raw('/api/v1/stores/SomeoneElsesStore/invoices');
    expect(otherStore.status).toBe(403);
    expect(await otherStore.json()).toMatchObject({ code: 'missing-permission' });
    const missing = await raw(`${store()}/invoices/NoSuchInvoice`);
    expect([missing.status, await missing.json()]).toEqual([404, { code: 'invoice-not-found', message: 'The invoice was not found' }]);
    const invalid = await raw(`${store()}/invoices`, { method: 'POST', body: JSON.stringify({ amount: '-1', currency: 'USD', checkout: { expirationMinutes: 0.1 } }) });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual([
      { path: 'amount', message: 'The amount should be 0 or more.' },
      { path: 'checkout.expirationMinutes', message: 'Expiration time must be at least 30 seconds' },
    ]);
  });

  it('serves the invoice on the store-less path newer BTCPay versions add, too', async () => {
    const started = await start();
    const response = await raw(`/api/v1/invoices/${started.checkoutId}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: started.checkoutId, storeId: target.keys.storeId, status: 'New', amount: '10.00', paidAmount: '0.00' });
  });

  it('turns 500, 429 and a cut connection into a passing fault, and tries a read again when told to', async () => {
    for (const fault of ['failNextWith500', 'rateLimitNext', 'resetNextConnections'] as const) {
      target.sandbox.faults[fault] = 1;
      expect(await target.client.listPaymentMethods(true).catch((e: unknown) => e)).toBeInstanceOf(PaymentProviderUnavailableError);
    }
    const patient = new BtcpayClient(async () => target.keys, { baseUrl: target.sandbox.url, readAttempts: 2 });
    target.sandbox.faults.failNextWith500 = 1;
    expect((await patient.listPaymentMethods(true)).length).toBeGreaterThan(0);
  });

  it('never tries a write twice: a lost answer to “create” is a passing fault, and the invoice it made stays unpaid', async () => {
    const before = target.sandbox.events().filter((e) => e.type === 'InvoiceCreated').length;
    target.sandbox.faults.loseNextCreateResponse = 1;
    expect(await start().catch((e: unknown) => e)).toBeInstanceOf(PaymentProviderUnavailableError);
    expect(target.sandbox.events().filter((e) => e.type === 'InvoiceCreated').length).toBe(before + 1);
  });

  it('refuses an amount the store has no rate for as an invalid request', async () => {
    const error = await target.checkout.startCheckout({
      billingCustomerId: uniqueId('cus'), purpose: { invoiceId: uniqueId('inv') }, description: 'x', amount: money(1000, 'BRL'), saveMethod: false,
      successUrl: 'http://localhost/ok', cancelUrl: 'http://localhost/no', expiresAt: new Date(Date.now() + 30 * 60_000),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect((error as PaymentProviderError).reason).toBe('invalid_request');
  });

  describe('webhook signatures', () => {
    const body = JSON.stringify({ deliveryId: 'd1', webhookId: 'w', originalDeliveryId: null, isRedelivery: false, type: 'InvoiceExpired', timestamp: 1, storeId: 's', invoiceId: 'i', metadata: {}, partiallyPaid: false });
    const verify = (rawBody: string, signature: string | undefined) => target.webhooks.verify({ rawBody, headers: { 'btcpay-sig': signature } });

    it('accepts BTCPay’s own signature, keyed on the invoice and event type', async () => {
      expect(await verify(body, target.sandbox.sign(body))).toMatchObject({ type: 'InvoiceExpired', dedupeKey: 'i:InvoiceExpired' });
    });

    it.each([
      ['no header', () => undefined],
      ['a wrong secret', () => `sha256=${createHmac('sha256', 'wrong').update(body).digest('hex')}`],
      ['a header that is not sha256=<hex>', () => 'sha1=abc'],
      ['a truncated signature', () => target.sandbox.sign(body).slice(0, -2)],
    ])('refuses %s', async (_case, signature) => {
      expect(await verify(body, signature()).catch((e: unknown) => e)).toBeInstanceOf(WebhookSignatureError);
    });

    it('refuses the signature of a body with one byte changed', async () => {
      const signature = target.sandbox.sign(body);
      for (let i = 0; i < body.length; i += 7) {
        const changed = `${body.slice(0, i)}${String.fromCharCode(body.charCodeAt(i) ^ 1)}${body.slice(i + 1)}`;
        expect(await verify(changed, signature).catch((e: unknown) => e)).toBeInstanceOf(WebhookSignatureError);
      }
    });

    it('keys an event about one payment on the payment too, so each payment of an invoice is applied', async () => {
      const payment = (id: string) => JSON.stringify({ ...JSON.parse(body), type: 'InvoicePaymentSettled', payment: { id, receivedDate: 1, value: '0.1', fee: '0', status: 'Settled' } });
      const [a, b] = [payment('tx1-0'), payment('tx2-0')];
      expect((await verify(a, target.sandbox.sign(a))).dedupeKey).toBe('i:InvoicePaymentSettled:tx1-0');
      expect((await verify(b, target.sandbox.sign(b))).dedupeKey).toBe('i:InvoicePaymentSettled:tx2-0');
    });
  });
});
