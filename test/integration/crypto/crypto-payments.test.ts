import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BtcpayClient } from '../../../functions/adapters/btcpay/btcpay-client.js';
import { BtcpayCryptoCheckout } from '../../../functions/adapters/btcpay/btcpay-crypto-checkout.js';
import { money } from '../../../functions/domain/money.js';
import { documentClient } from '../../support/dynamodb.js';
import { call } from '../api/client.js';
import { type CryptoSystem, openCryptoCheckout, startCryptoSystem, stateOf } from './crypto-driver.js';

/**
 * Paying invoices by crypto end to end on the local system, with BTCPay's webhooks delivered as they
 * happen: pending while confirmations arrive, then paid; an underpayment leaves exactly the rest due;
 * an overpayment becomes exactly the excess as credit; an expired checkout leaves the invoice unpaid
 * with nothing recorded; one live checkout per invoice across card and crypto; staff's view.
 */
describe('Paying an invoice by cryptocurrency', () => {
  let s: CryptoSystem;

  beforeAll(async () => {
    s = await startCryptoSystem();
  }, 120_000);
  afterAll(() => s?.system.stop());
  afterEach(() => s.system.btcpay.setConfirmationSeconds(600));

  /** Lets the sandbox's webhooks reach the app before looking. */
  const delivered = () => s.system.btcpay.webhooksIdle();
  const ledger = async () => (await documentClient(s.system.dynamoDbEndpoint).send(new QueryCommand({
    TableName: s.system.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ledger)',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${s.customerId}`, ':ledger': 'LEDGER#' }, ConsistentRead: true,
  }))).Items ?? [];

  it('shows “payment pending” while confirmations arrive, and is paid once BTCPay settles it', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 5000, { cryptocurrency: 'BTC-CHAIN' });
    expect(s.system.btcpay.invoice(btcpayId)).toMatchObject({ amount: '50.00', currency: 'USD', metadata: { invoiceId: invoice.id, customerId: s.customerId } });
    s.system.btcpay.pay(btcpayId);
    await delivered();
    expect(await stateOf(s, invoice.id)).toMatchObject({ status: 'open', paymentPending: true, amountPaid: 0, payments: [] });
    // Paying again meanwhile starts nothing new.
    expect((await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto' } })).body).toEqual({ status: 'processing' });

    s.system.btcpay.advanceClock(600_000);
    await delivered();
    expect(await stateOf(s, invoice.id)).toMatchObject({ status: 'paid', paymentPending: false, amountPaid: 5000, amountDue: 0, payments: ['crypto 5000/5000'] });
  });

  it('an underpayment leaves exactly the rest due, once its payment has confirmed', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 7777);
    s.system.btcpay.pay(btcpayId, { amount: '12.34' });
    await delivered();
    expect(await stateOf(s, invoice.id)).toMatchObject({ status: 'open', paymentPending: true, amountPaid: 0 });
    s.system.btcpay.expire(btcpayId);
    s.system.btcpay.advanceClock(600_000);
    await delivered();
    expect(await stateOf(s, invoice.id)).toMatchObject({
      status: 'open', paymentPending: false, amountPaid: 1234, amountDue: 7777 - 1234, payments: ['crypto 1234/1234'],
    });
    // The rest can be paid by crypto again: a new checkout for exactly what is due.
    const again = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto' } });
    const nextId = String(again.body.redirectUrl).split('/').at(-1)!;
    expect(nextId).not.toBe(btcpayId);
    expect(s.system.btcpay.invoice(nextId)?.amount).toBe('65.43');
  });

  it('an overpayment pays the invoice and becomes exactly the excess as credit', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 2000);
    const before = await stateOf(s, invoice.id);
    const entriesBefore = (await ledger()).length;
    s.system.btcpay.pay(btcpayId, { amount: '25.01' });
    s.system.btcpay.advanceClock(600_000);
    await delivered();
    const after = await stateOf(s, invoice.id);
    expect(after).toMatchObject({ status: 'paid', amountPaid: 2000, payments: ['crypto 2501/2000'] });
    expect(after.creditBalance - before.creditBalance).toBe(501);
    const added = (await ledger()).slice(entriesBefore);
    expect(added).toEqual([expect.objectContaining({ kind: 'overpayment', amount: 501, currency: 'USD', invoiceId: invoice.id, externalPaymentId: btcpayId })]);
  });

  it('an expired checkout leaves the invoice unpaid with nothing recorded, and a new one can open', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 3000);
    const before = await stateOf(s, invoice.id);
    s.system.btcpay.expire(btcpayId);
    await delivered();
    expect(await stateOf(s, invoice.id)).toEqual(before);
    expect(before).toMatchObject({ status: 'open', amountPaid: 0, amountDue: 3000, paymentPending: false, payments: [] });
    const again = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto' } });
    expect(String(again.body.redirectUrl)).not.toContain(btcpayId);
  });

  it('hands out the same checkout to a second click, and refuses a cryptocurrency the store does not accept', async () => {
    const { invoice, redirectUrl } = await openCryptoCheckout(s, 1500);
    const second = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto', cryptocurrency: 'BTC-LN' } });
    expect(second.body).toEqual({ status: 'redirect', redirectUrl });
    const refused = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto', cryptocurrency: 'LTC-CHAIN' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe('LTC-CHAIN is not accepted at the moment. Accepted now: BTC-CHAIN, BTC-LN.');
    const malformed = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto', cryptocurrency: 'bitcoin please' } });
    expect(malformed.status).toBe(400);
  });

  it('one live checkout per invoice across methods: a crypto checkout closes the card page, and a card page closes the crypto checkout', async () => {
    const { body: invoice } = await call(s.system, 'POST', '/v1/admin/invoices', {
      token: s.admin, body: { customerId: s.customerId, dueDate: '2031-01-31', lines: [{ description: 'VPS', quantity: 1, unitAmount: 4500 }] },
    });
    const card = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'card' } });
    const sessionId = String(card.body.redirectUrl).split('/').at(-1)!;
    const crypto = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto' } });
    expect(crypto.body.status).toBe('redirect');
    const btcpayId = String(crypto.body.redirectUrl).split('/').at(-1)!;
    const session = s.system.stripe.events().filter((e) => (e.data.object as { id?: string }).id === sessionId).map((e) => e.type);
    expect(session).toContain('checkout.session.expired');

    const cardAgain = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'card' } });
    expect(cardAgain.body.status).toBe('redirect');
    expect(s.system.btcpay.invoice(btcpayId)).toMatchObject({ status: 'Invalid', additionalStatus: 'Marked' });
    await delivered();
    expect(await stateOf(s, invoice.id)).toMatchObject({ status: 'open', amountPaid: 0, paymentPending: false });
  });

  it('a card page does not open beside a crypto checkout that has money on it', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 4200);
    s.system.btcpay.pay(btcpayId, { amount: '10.00' });
    const card = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'card' } });
    expect(card.body).toEqual({ status: 'processing' });
    expect(s.system.btcpay.invoice(btcpayId)?.status).toBe('New');
  });

  it('voiding an invoice closes its crypto checkout', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 1800);
    const voided = await call(s.system, 'POST', `/v1/admin/invoices/${invoice.id}/void`, { token: s.admin });
    expect(voided.body.status).toBe('void');
    expect(s.system.btcpay.invoice(btcpayId)?.status).toBe('Invalid');
  });

  it('Add Funds by crypto, at the adapter: money paid on a checkout for no invoice becomes account credit once', async () => {
    // The lead's POST /v1/funds opens this checkout; the webhook route already turns its payment into credit.
    const { btcpay } = s.system;
    const checkout = new BtcpayCryptoCheckout(new BtcpayClient(async () => ({ apiKey: btcpay.apiKey, storeId: btcpay.storeId, webhookSecret: s.system.btcpayWebhookSecret }), { baseUrl: btcpay.url }));
    const started = await checkout.startCheckout({
      billingCustomerId: s.customerId, purpose: { funds: true }, description: 'Add funds', amount: money(3000, 'USD'), saveMethod: false,
      successUrl: `${s.system.url}/account?funds=crypto`, cancelUrl: `${s.system.url}/account`, expiresAt: new Date(Date.now() + 30 * 60_000),
    });
    const before = (await call(s.system, 'GET', '/v1/me', { token: s.token })).body.creditBalance as number;
    const entriesBefore = (await ledger()).length;
    btcpay.pay(started.checkoutId, { method: 'BTC-LN', amount: '30.00' });
    await delivered();
    for (const body of s.system.btcpay.deliveryBodies().filter((b) => b.invoiceId === started.checkoutId)) s.system.btcpay.redeliver(body.deliveryId);
    await delivered();
    expect((await call(s.system, 'GET', '/v1/me', { token: s.token })).body.creditBalance).toBe(before + 3000);
    expect((await ledger()).slice(entriesBefore)).toEqual([
      expect.objectContaining({ kind: 'funds_added', amount: 3000, currency: 'USD', externalPaymentId: started.checkoutId }),
    ]);
  });

  it('staff see each of an invoice’s BTCPay invoices with its state and amounts, an invalid one included', async () => {
    const { invoice, btcpayId } = await openCryptoCheckout(s, 6000);
    s.system.btcpay.pay(btcpayId);
    s.system.btcpay.failToConfirm(btcpayId);
    await delivered();
    const second = await call(s.system, 'POST', `/v1/invoices/${invoice.id}/payments`, { token: s.token, body: { method: 'crypto' } });
    const secondId = String(second.body.redirectUrl).split('/').at(-1)!;
    s.system.btcpay.pay(secondId, { amount: '20.00', method: 'BTC-LN' });
    await delivered();

    const { status, body } = await call(s.system, 'GET', `/v1/admin/invoices/${invoice.id}/crypto-payments`, { token: s.admin });
    expect(status).toBe(200);
    expect(body.items).toEqual([
      expect.objectContaining({ id: secondId, status: 'New', detail: 'PaidPartial', amount: 6000, paid: 2000, currency: 'USD',
        payments: [expect.objectContaining({ method: 'BTC-LN', amount: '0.00040000', currency: 'BTC', status: 'Settled' })] }),
      expect.objectContaining({ id: btcpayId, status: 'Invalid', amount: 6000, paid: 0,
        payments: [expect.objectContaining({ method: 'BTC-CHAIN', amount: '0.00120500', currency: 'BTC', status: 'Invalid' })] }),
    ]);
    expect((await call(s.system, 'GET', `/v1/admin/invoices/${invoice.id}/crypto-payments`, { token: s.token })).status).toBe(403);
    expect(await stateOf(s, invoice.id)).toMatchObject({ status: 'open', amountPaid: 0, paymentPending: true });
  });
});
