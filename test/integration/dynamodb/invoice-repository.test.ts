import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { ConflictError } from '../../../functions/domain/errors.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { currency, money } from '../../../functions/domain/money.js';
import { startDynamoDbLocal } from '../../../local/dynamodb-local.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

const USD = currency('USD');
const issuedAt = new Date('2026-11-01T10:00:00Z');

describe('DynamoInvoiceRepository against DynamoDB Local', () => {
  let tableName: string;
  let db: DynamoDBDocumentClient;
  let repo: DynamoInvoiceRepository;
  const connect = () => dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });

  beforeAll(async () => {
    tableName = await createTestTable();
    db = connect();
    repo = new DynamoInvoiceRepository(db, tableName);
    await new DynamoCustomerRepository(db, tableName).create(newCustomer({
      id: 'cus_a', email: 'a@example.com', name: 'A', currency: USD, userSub: 'sub-a', createdAt: issuedAt,
    }));
  });

  const issue = (id: string, customerId = 'cus_a', at = issuedAt, dueDate = '2026-12-01') => (number: number) => Invoice.issue({
    billTo: { name: 'Test Customer', email: 'customer@example.test' },
    id, number, customerId, currency: USD, dueDate: calendarDate(dueDate), issuedAt: at,
    lines: [{ description: 'Shared hosting', quantity: 1, unitAmountMinor: 1000 }],
  });

  it('gives 200 concurrent creations, each from its own client as 200 Lambda instances would be, 200 consecutive numbers', async () => {
    // A DynamoDB Local of its own: this burst would otherwise hold up every other test file's writes
    // (DynamoDB Local serialises them), and they its.
    const own = await startDynamoDbLocal();
    try {
      const connectOwn = () => dynamoDocumentClient({ region: 'us-east-1', endpoint: own.endpoint });
      const clients = Array.from({ length: 200 }, connectOwn);
      const table = await createTestTable(own.endpoint);
      // This checks the numbers, not the latency: on a loaded machine give creations more than the
      // 25 s a Lambda function allows them.
      const repos = clients.map((c) => new DynamoInvoiceRepository(c, table, 110_000));
      const started = Date.now();
      const created = await Promise.all(repos.map((r, i) => r.createNumbered(issue(`inv_${i}`))));
      console.log(`200 concurrent invoice creations: ${Date.now() - started} ms on DynamoDB Local`);

      const numbers = created.map((inv) => inv.state.number).sort((a, b) => a - b);
      expect(new Set(numbers).size).toBe(200);
      expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      const stored = await Promise.all(created.map((inv) => repos[0]!.get(inv.id)));
      expect(stored.map((inv) => inv?.state.number).sort((a, b) => a! - b!)).toEqual(numbers);
    } finally {
      await own.stop();
    }
  }, 150_000);

  it('keeps numbering after a creation died between taking its turn and writing: the next one waits briefly, then takes the number', async () => {
    const table = await createTestTable();
    const r = new DynamoInvoiceRepository(db, table);
    const first = await r.createNumbered(issue('inv_before_crash'));
    // A creation that crashed right after taking its ticket: the ticket is gone, no invoice follows.
    await db.send(new UpdateCommand({
      TableName: table, Key: { PK: 'COUNTER#invoice-number-tickets', SK: 'COUNTER' },
      UpdateExpression: 'ADD #next :one', ExpressionAttributeNames: { '#next': 'next' }, ExpressionAttributeValues: { ':one': 1 },
    }));
    const started = Date.now();
    const after = await Promise.all([r.createNumbered(issue('inv_after_crash_1')), r.createNumbered(issue('inv_after_crash_2'))]);
    expect(after.map((i) => i.state.number).sort()).toEqual([first.state.number + 1, first.state.number + 2]);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Once a number is claimed past the dead ticket, creations no longer wait out a stall (1 s) for it.
    const quick = Date.now();
    await r.createNumbered(issue('inv_later'));
    expect(Date.now() - quick).toBeLessThan(1_000);
  });

  it('round-trips an invoice with every field intact', async () => {
    const created = await repo.createNumbered(issue('inv_roundtrip'));
    const read = await repo.get('inv_roundtrip');
    expect(read?.state).toEqual(created.state);
  });

  it('refuses to save over a version that changed since it was read, and keeps the winner', async () => {
    const invoice = await repo.createNumbered(issue('inv_race'));
    const paid = invoice.recordPayment(money(1000, USD), issuedAt).invoice;
    const voided = invoice.void(issuedAt);
    await repo.save(paid, invoice.state.version);
    await expect(repo.save(voided, invoice.state.version)).rejects.toBeInstanceOf(ConflictError);
    expect((await repo.get('inv_race'))?.status).toBe('paid');
  });

  it('lists a customer’s invoices newest first, pages with a cursor, and filters by display status (overdue is unpaid too)', async () => {
    const table = await createTestTable();
    const r = new DynamoInvoiceRepository(db, table);
    for (let i = 0; i < 5; i++) {
      await r.createNumbered(issue(`inv_l${i}`, 'cus_l', new Date(Date.UTC(2026, 10, 1 + i)), i < 2 ? '2026-11-10' : '2026-12-31'));
    }
    await r.createNumbered(issue('inv_other', 'cus_other'));
    const first = await r.listByCustomer('cus_l', { limit: 3, today: '2026-11-20' });
    expect(first.items.map((i) => i.id)).toEqual(['inv_l4', 'inv_l3', 'inv_l2']);
    const second = await r.listByCustomer('cus_l', { limit: 3, today: '2026-11-20', cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual(['inv_l1', 'inv_l0']);
    const overdue = await r.listByCustomer('cus_l', { limit: 10, today: '2026-11-20', filter: 'overdue' });
    expect(overdue.items.map((i) => i.id)).toEqual(['inv_l1', 'inv_l0']);
    const unpaid = await r.listByCustomer('cus_l', { limit: 10, today: '2026-11-20', filter: 'unpaid' });
    expect(unpaid.items.map((i) => i.id)).toEqual(['inv_l4', 'inv_l3', 'inv_l2', 'inv_l1', 'inv_l0']);
    const open = await r.listOpenByCustomer('cus_l');
    expect(open.map((i) => i.id).sort()).toEqual(['inv_l0', 'inv_l1', 'inv_l2', 'inv_l3', 'inv_l4']);
    const all = await r.list({ limit: 10, today: '2026-11-20' });
    expect(all.items).toHaveLength(6);
  });

  it('lists invoices issued in the same millisecond in number order, newest first, whatever their ids', async () => {
    const table = await createTestTable();
    const r = new DynamoInvoiceRepository(db, table);
    // Ids that sort the other way round from the numbers they get.
    for (const id of ['inv_z', 'inv_y', 'inv_x', 'inv_w']) await r.createNumbered(issue(id, 'cus_same'));
    const mine = await r.listByCustomer('cus_same', { limit: 10, today: '2026-11-01' });
    expect(mine.items.map((i) => i.state.number)).toEqual([4, 3, 2, 1]);
    const all = await r.list({ limit: 10, today: '2026-11-01' });
    expect(all.items.map((i) => i.state.number)).toEqual([4, 3, 2, 1]);
  });
});
