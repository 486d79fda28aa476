import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../../functions/adapters/dynamodb/keys.js';
import { MAX_AMOUNT_MINOR } from '../../../functions/domain/money.js';
import type { LocalSystem } from '../../../local/system.js';
import { documentClient } from '../../support/dynamodb.js';
import { call, startSignedIn } from './client.js';

const MAX = MAX_AMOUNT_MINOR;
const AT_MOST = 'can be at most 1,000,000,000,000 minor units';

/**
 * The one maximum amount (MAX_AMOUNT_MINOR, money.ts) through the API on the local system (DynamoDB
 * Local): every money input takes the maximum and refuses one more with a 400 naming the field and
 * writing nothing, and no write can take a stored balance past it, even many at once.
 */
describe('The most a money amount may be', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';

  beforeAll(async () => {
    ({ system, admin, alice } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const newCustomer = async (currency = 'JPY') => (await call(system, 'POST', '/v1/admin/customers', {
    token: admin, body: { email: `max-${randomUUID()}@example.com`, name: 'Max Amount', currency },
  })).body as { id: string };
  const customer = async (id: string) => (await call(system, 'GET', `/v1/admin/customers/${id}`, { token: admin })).body;
  const ledger = async (id: string) => (await call(system, 'GET', `/v1/admin/customers/${id}/ledger`, { token: admin })).body.items as unknown[];
  const grant = (id: string, amount: unknown) => call(system, 'POST', `/v1/admin/customers/${id}/credit`, { token: admin, body: { amount, reason: 'Goodwill' } });
  const invoices = async (id: string) => (await call(system, 'GET', `/v1/admin/invoices?customerId=${id}`, { token: admin })).body.items as Array<{ id: string }>;
  const issue = (customerId: string, lines: unknown[]) => call(system, 'POST', '/v1/admin/invoices', { token: admin, body: { customerId, dueDate: '2031-01-31', lines } });

  it('grants credit up to the maximum; one more is refused with 422 and nothing written; removing it works', async () => {
    const { id } = await newCustomer();
    expect((await grant(id, MAX)).status).toBe(201);

    const more = await grant(id, 1);

    expect(more.status).toBe(422);
    expect(more.body.error.message).toContain('at most 1,000,000,000,000 JPY of credit');
    expect((await customer(id)).creditBalance).toBe(MAX);
    expect(await ledger(id)).toHaveLength(1);
    expect((await grant(id, -MAX)).status).toBe(201);
    expect((await customer(id)).creditBalance).toBe(0);
  });

  it.each([MAX + 1, 5_000_000_000_000_000, Number.MAX_SAFE_INTEGER, -(MAX + 1)])('refuses a grant or removal of %d with a 400 naming amount and the maximum, writing nothing', async (amount) => {
    const { id } = await newCustomer();
    await grant(id, 550);

    const response = await grant(id, amount);

    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ field: 'amount', message: expect.stringContaining(AT_MOST) });
    expect((await customer(id)).creditBalance).toBe(550);
    expect(await ledger(id)).toHaveLength(1);
  });

  it('never lets grants made at the same time take the balance past the maximum', async () => {
    const { id } = await newCustomer();
    const each = MAX / 8;

    const answers = await Promise.all(Array.from({ length: 12 }, () => grant(id, each)));

    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.every((s) => s === 201 || s === 422)).toBe(true);
    expect(statuses.filter((s) => s === 201)).toHaveLength(8);
    expect((await customer(id)).creditBalance).toBe(MAX);
    expect(await ledger(id)).toHaveLength(8);
  }, 60_000);

  it('issues an invoice whose total is the maximum, and refuses a unit amount, a line or a total past it, writing nothing', async () => {
    const { id } = await newCustomer();
    const line = (unitAmount: number, quantity = 1) => ({ description: 'Hosting', quantity, unitAmount });

    const atMax = await issue(id, [line(MAX)]);
    const unit = await issue(id, [line(MAX + 1)]);
    const product = await issue(id, [line(MAX / 2 + 1, 2)]);
    const total = await issue(id, [line(MAX), line(1)]);

    expect(atMax.status).toBe(201);
    expect(atMax.body.total).toBe(MAX);
    expect([unit.status, unit.body.error.field, unit.body.error.message]).toEqual([400, 'lines.0.unitAmount', expect.stringContaining(AT_MOST)]);
    expect([product.status, product.body.error.field, product.body.error.message])
      .toEqual([400, 'lines.0.quantity', 'This line’s amount (quantity × unit amount) can be at most 1,000,000,000,000 JPY.']);
    expect([total.status, total.body.error.field, total.body.error.message]).toEqual([400, 'lines', 'The invoice total can be at most 1,000,000,000,000 JPY.']);
    expect(await invoices(id)).toHaveLength(1);
  });

  it('records money received up to the maximum, refuses one more, and refuses an overpayment whose credit would pass the maximum', async () => {
    const { id } = await newCustomer();
    const invoice = (await issue(id, [{ description: 'Hosting', quantity: 1, unitAmount: 100 }])).body as { id: string };
    const record = (amount: number) => call(system, 'POST', `/v1/admin/invoices/${invoice.id}/payments`, {
      token: admin, body: { amount, kind: 'bank_transfer', reference: 'SEPA 1', receivedOn: new Date().toISOString().slice(0, 10), requestId: randomUUID() },
    });
    await grant(id, MAX);

    const tooMuch = await record(MAX + 1);
    const overLimit = await record(150);

    expect([tooMuch.status, tooMuch.body.error.field, tooMuch.body.error.message]).toEqual([400, 'amount', expect.stringContaining(AT_MOST)]);
    expect(overLimit.status).toBe(422);
    expect(overLimit.body.error.message).toContain('at most 1,000,000,000,000 JPY of credit');
    const stored = (await call(system, 'GET', `/v1/admin/invoices/${invoice.id}`, { token: admin })).body;
    expect(stored).toMatchObject({ status: 'open', amountPaid: 0, payments: [] });
    expect((await customer(id)).creditBalance).toBe(MAX);
    expect((await grant(id, -MAX)).status).toBe(201);
    expect((await record(MAX)).status).toBe(201);
    expect((await customer(id)).creditBalance).toBe(MAX - 100);
  });

  it('takes the maximum and refuses one more in every other money input: Add Funds, pay with credit, refunds, service prices', async () => {
    const { id } = await newCustomer();
    const me = await call(system, 'GET', '/v1/invoices', { token: alice });
    const anyInvoice = me.body.items[0]?.id ?? 'inv_none';
    const inputs = [
      (amount: number) => call(system, 'POST', '/v1/funds', { token: alice, body: { amount, method: 'card' } }),
      (amount: number) => call(system, 'POST', `/v1/invoices/${anyInvoice}/payments`, { token: alice, body: { method: 'credit', amount } }),
      (amount: number) => call(system, 'POST', '/v1/admin/payments/card/pi_none/refunds', { token: admin, body: { amount, destination: 'credit', requestId: randomUUID() } }),
      (price: number) => call(system, 'POST', `/v1/admin/customers/${id}/services`, { token: admin, body: { name: 'VPS', price, cycle: 'monthly', nextDueDate: '2031-01-31' } }),
    ];
    for (const input of inputs) {
      const atMax = await input(MAX);
      const past = await input(MAX + 1);
      // The maximum passes the edge; a use case may still refuse it by its own rule (Add Funds' limits).
      expect(atMax.body.error?.message ?? '').not.toContain(AT_MOST);
      expect(past.status).toBe(400);
      expect(past.body.error.message).toContain(AT_MOST);
    }
    const services = (await call(system, 'GET', `/v1/admin/customers/${id}/services`, { token: admin })).body.items as Array<{ price: number }>;
    expect(services.map((s) => s.price)).toEqual([MAX]);
  });

  it('refuses an import whose opening credit or amount is too large, saying so', async () => {
    const header = 'record,email,name,currency,opening_credit,plan,price,cycle,paid_through,invoice_number,amount,due_date,description';
    const content = [
      header,
      'customer,big@example.com,Big,EUR,99999999999999999,,,,,,,,',
      'invoice,big@example.com,,,,,,,,X-1,10000000000.01,2031-01-01,Hosting',
      'customer,fine@example.com,Fine,EUR,10000000000.00,,,,,,,,',
    ].join('\n');

    const response = await call(system, 'POST', '/v1/admin/import', { token: admin, body: { format: 'csv', content } });

    expect(response.status).toBe(422);
    expect(response.body.problems.map((p: { line: number; message: string }) => [p.line, p.message])).toEqual([
      [2, 'opening_credit 99999999999999999 is too large: at most 10,000,000,000.00 EUR.'],
      [3, 'amount 10000000000.01 is too large: at most 10,000,000,000.00 EUR.'],
    ]);
  });

  it('lists and repairs a customer whose balance was stored past the maximum before it existed', async () => {
    const { id } = await newCustomer();
    const db = documentClient(system.dynamoDbEndpoint);
    await db.send(new UpdateCommand({
      TableName: system.tableName, Key: keys.customer(id), UpdateExpression: 'SET creditBalance = :huge',
      ExpressionAttributeValues: { ':huge': 9_007_199_254_741_541n },
    }));

    const list = await call(system, 'GET', '/v1/admin/customers?limit=100', { token: admin });
    const removed = await grant(id, -MAX);

    expect(list.status).toBe(200);
    expect(list.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ creditBalance: Number.MAX_SAFE_INTEGER });
    expect(removed.status).toBe(201);
    // The removal subtracted from the exact stored value, which is now exact as a number again.
    expect((await customer(id)).creditBalance).toBe(9_006_199_254_741_541);
  });
});

describe('Validation messages say what is wrong with the value', () => {
  let system: LocalSystem;
  let admin = '';
  let alice = '';
  let aliceId = '';

  beforeAll(async () => {
    ({ system, admin, alice, aliceId } = await startSignedIn());
  }, 120_000);
  afterAll(() => system?.stop());

  const error = async (method: string, path: string, token: string, body?: unknown) => (await call(system, method, path, { token, body })).body.error;

  it.each([
    ['funds amount 500.5', '/v1/funds', { amount: 500.5, method: 'card' }, 'amount', 'amount must be a whole number of minor units (cents), such as 1999 for 19.99.'],
    ['funds amount "500"', '/v1/funds', { amount: '500', method: 'card' }, 'amount', 'amount must be a whole number of minor units (cents), such as 1999 for 19.99.'],
    ['funds method missing', '/v1/funds', { amount: 500 }, 'method', 'method is required.'],
    ['funds method unknown', '/v1/funds', { amount: 500, method: 'gold' }, 'method', 'method must be one of "card", "paypal", "crypto".'],
  ])('customer: %s', async (_, path, body, field, message) => {
    expect(await error('POST', path, alice, body)).toMatchObject({ field, message });
  });

  it('says autopay must be true or false', async () => {
    expect(await error('PATCH', '/v1/me', alice, { autopay: 'yes' })).toMatchObject({ field: 'autopay', message: 'autopay must be true or false.' });
  });

  it('says a credit amount must be whole, a unit amount must be whole, and a search is too long, in sentences', async () => {
    expect(await error('POST', `/v1/admin/customers/${aliceId}/credit`, admin, { amount: 1.5, reason: 'x' }))
      .toMatchObject({ field: 'amount', message: 'amount must be a whole number of minor units (cents), such as 1999 for 19.99.' });
    expect(await error('POST', '/v1/admin/invoices', admin, { customerId: aliceId, dueDate: '2031-01-31', lines: [{ description: 'x', quantity: 1, unitAmount: 10.5 }] }))
      .toMatchObject({ field: 'lines.0.unitAmount', message: 'lines.0.unitAmount must be a whole number of minor units (cents), such as 1999 for 19.99.' });
    expect(await error('GET', `/v1/admin/customers?search=${'a'.repeat(201)}`, admin))
      .toMatchObject({ field: 'search', message: 'search can have at most 200 characters.' });
    expect(await error('GET', '/v1/admin/invoices?status=late', admin))
      .toMatchObject({ field: 'status', message: expect.stringMatching(/^status must be one of "unpaid", "overdue", /) });
  });
});
