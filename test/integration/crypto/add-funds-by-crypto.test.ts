import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../support/dynamodb.js';
import { days, seedCustomer } from '../../support/seeded-customer.js';
import { call, signIn } from '../api/client.js';
import { type CryptoSystem, startCryptoSystem } from './crypto-driver.js';

/**
 * Add Funds by cryptocurrency over the whole local system: POST /v1/funds opens a BTCPay checkout for
 * no invoice, the customer pays on the sandbox's page, and BTCPay's settlement webhook credits what was
 * actually paid, once. Only established customers may; anyone else gets a 422 and nothing is written.
 */
describe('Adding funds by cryptocurrency', () => {
  let s: CryptoSystem;

  beforeAll(async () => {
    s = await startCryptoSystem();
  }, 120_000);
  afterAll(() => s?.system.stop());

  const delivered = () => s.system.btcpay.webhooksIdle();
  const credit = async (token = s.token) => (await call(s.system, 'GET', '/v1/me', { token })).body.creditBalance as number;
  const ledger = async (customerId = s.customerId) => (await documentClient(s.system.dynamoDbEndpoint).send(new QueryCommand({
    TableName: s.system.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ledger)',
    ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':ledger': 'LEDGER#' }, ConsistentRead: true,
  }))).Items ?? [];
  /** POST /v1/funds by crypto; the BTCPay invoice it opened. */
  const addFunds = async (amount: number) => {
    const started = await call(s.system, 'POST', '/v1/funds', { token: s.token, body: { amount, method: 'crypto' } });
    expect(started.status).toBe(201);
    return String(started.body.redirectUrl).split('/').at(-1)!;
  };

  it('lists crypto as available to an established customer, beside card and PayPal', async () => {
    const { body } = await call(s.system, 'GET', '/v1/funds', { token: s.token });
    expect(body.methods).toEqual([
      { id: 'card', available: true }, { id: 'paypal', available: true }, { id: 'crypto', available: true },
    ]);
  });

  it('credits an established customer on settlement, once, however often BTCPay redelivers', async () => {
    const before = await credit();
    const entriesBefore = (await ledger()).length;
    const btcpayId = await addFunds(4000);
    expect(s.system.btcpay.invoice(btcpayId)).toMatchObject({ amount: '40.00', currency: 'USD', metadata: { orderId: `funds-${s.customerId}`, customerId: s.customerId } });
    s.system.btcpay.pay(btcpayId);
    await delivered();
    expect(await credit()).toBe(before); // sent, waiting for confirmations: nothing credited yet
    s.system.btcpay.advanceClock(600_000);
    await delivered();
    for (const body of s.system.btcpay.deliveryBodies().filter((b) => b.invoiceId === btcpayId)) {
      for (let i = 0; i < 10; i++) s.system.btcpay.redeliver(body.deliveryId);
    }
    await delivered();
    expect(await credit()).toBe(before + 4000);
    expect((await ledger()).slice(entriesBefore)).toEqual([
      expect.objectContaining({ kind: 'funds_added', amount: 4000, currency: 'USD', externalPaymentId: btcpayId }),
    ]);
    const statement = (await call(s.system, 'GET', '/v1/ledger', { token: s.token })).body;
    expect(statement.items.at(-1)).toMatchObject({ kind: 'funds_added', amount: 4000, balanceAfter: before + 4000 });
  });

  it('credits exactly what was paid: more than asked, or less once the checkout expires', async () => {
    const before = await credit();
    const over = await addFunds(2000);
    s.system.btcpay.pay(over, { amount: '25.01' });
    s.system.btcpay.advanceClock(600_000);
    await delivered();
    expect(await credit()).toBe(before + 2501);

    const under = await addFunds(3000);
    s.system.btcpay.pay(under, { amount: '12.34' });
    s.system.btcpay.expire(under);
    s.system.btcpay.advanceClock(600_000);
    await delivered();
    expect(await credit()).toBe(before + 2501 + 1234);
    const added = (await ledger()).filter((entry) => entry['kind'] === 'funds_added').map((entry) => [entry['externalPaymentId'], entry['amount']]);
    expect(added).toEqual(expect.arrayContaining([[over, 2501], [under, 1234]]));
  });

  it('refuses a customer who is not established with a 422 saying when they will be, and writes nothing', async () => {
    const seeded = await seedCustomer(s.system, { ageMs: days(10), paidBy: ['card'] });
    const token = await signIn(s.system, seeded.email, seeded.password);
    const options = (await call(s.system, 'GET', '/v1/funds', { token })).body;
    expect(options.methods.find((m: { id: string }) => m.id === 'crypto')).toMatchObject({
      available: false, unavailable: { code: 'not_established', message: expect.stringMatching(/90 days/) },
    });
    const invoicesAsked = s.system.btcpay.requests().filter((r) => r.startsWith('POST')).length;
    const entriesBefore = await ledger(seeded.customerId);

    const refused = await call(s.system, 'POST', '/v1/funds', { token, body: { amount: 2000, method: 'crypto' } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(options.methods.find((m: { id: string }) => m.id === 'crypto').unavailable.message);
    expect(s.system.btcpay.requests().filter((r) => r.startsWith('POST')).length).toBe(invoicesAsked);
    expect(await ledger(seeded.customerId)).toEqual(entriesBefore);
    expect(await credit(token)).toBe(0);
  });
});
