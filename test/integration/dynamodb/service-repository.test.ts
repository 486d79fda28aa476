import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { DynamoInvoiceRepository } from '../../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import { DynamoServiceRepository } from '../../../functions/adapters/dynamodb/dynamo-service-repository.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { ConflictError } from '../../../functions/domain/errors.js';
import { Invoice } from '../../../functions/domain/invoice.js';
import { currency, money } from '../../../functions/domain/money.js';
import { Service } from '../../../functions/domain/service.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

const EUR = currency('EUR');
const at = new Date('2027-01-20T09:00:00Z');

describe('DynamoServiceRepository against DynamoDB Local', () => {
  let db: DynamoDBDocumentClient;
  let services: DynamoServiceRepository;
  let invoices: DynamoInvoiceRepository;

  beforeAll(async () => {
    const tableName = await createTestTable();
    db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    services = new DynamoServiceRepository(db, tableName);
    invoices = new DynamoInvoiceRepository(db, tableName);
  });

  const service = (id: string, customerId: string, nextDueDate: string) => Service.create({
    id, customerId, customerCurrency: 'EUR', name: `Plan ${id}`, price: money(1500, EUR), cycle: 'monthly',
    nextDueDate: calendarDate(nextDueDate), createdAt: at,
  });

  /** Issues the service's next period the way the generator does, in the invoice's transaction. */
  const bill = (s: Service, invoiceId: string) => invoices.createNumbered((number) => Invoice.issue({
    billTo: { name: 'Test Customer', email: 'customer@example.test' },
    id: invoiceId, number, customerId: s.state.customerId, currency: EUR, dueDate: s.state.nextDueDate, issuedAt: at, lines: [s.nextInvoiceLine()],
  }), { service: { billed: s.billed(), expectedVersion: s.state.version, period: s.nextPeriod } });

  it('lists a customer’s services, and only the billed ones due by a date, earliest first', async () => {
    await services.create(service('svc_a1', 'cus_a', '2027-02-10'));
    await services.create(service('svc_a2', 'cus_a', '2027-01-25'));
    await services.create(service('svc_b1', 'cus_b', '2027-01-27'));
    const cancelled = service('svc_b2', 'cus_b', '2027-01-26');
    await services.create(cancelled);
    await services.save(cancelled.cancel(at), cancelled.state.version);

    expect((await services.listByCustomer('cus_a')).map((s) => s.id).sort()).toEqual(['svc_a1', 'svc_a2']);
    expect((await services.listDueThrough(calendarDate('2027-01-27'))).map((s) => s.id)).toEqual(['svc_a2', 'svc_b1']);
    expect(await services.get('svc_a1')).toEqual(service('svc_a1', 'cus_a', '2027-02-10'));
  });

  it('issues one invoice per period: the service moves on with it, and a second try for the period is refused whole', async () => {
    const s = service('svc_once', 'cus_c', '2027-01-31');
    await services.create(s);
    const invoice = await bill(s, 'inv_once_1');

    expect((await services.get('svc_once'))!.state.nextDueDate).toBe('2027-02-28');
    expect(await services.listInvoicedPeriods('svc_once')).toEqual([
      { serviceId: 'svc_once', invoiceId: 'inv_once_1', period: { start: '2027-01-31', end: '2027-02-27' } },
    ]);
    expect(await services.periodsOfInvoice(invoice.id)).toHaveLength(1);

    // The same period again, from a copy read before the first run (a generator running twice at once).
    await expect(bill(s, 'inv_once_2')).rejects.toBeInstanceOf(ConflictError);
    expect(await invoices.get('inv_once_2')).toBeUndefined();
  });

  it('refuses a period claimed already even when the service looks unchanged', async () => {
    const s = service('svc_claimed', 'cus_d', '2027-03-01');
    await services.create(s);
    await bill(s, 'inv_claimed_1');
    // Staff put the due date back: the version moved, but the period was billed.
    const now = (await services.get('svc_claimed'))!;
    const back = now.update({ nextDueDate: calendarDate('2027-03-01') }, 'EUR');
    await services.save(back, now.state.version);
    await expect(bill(back, 'inv_claimed_2')).rejects.toBeInstanceOf(ConflictError);
    expect(await invoices.get('inv_claimed_2')).toBeUndefined();
  });

  it('refuses a stale change', async () => {
    const s = service('svc_stale', 'cus_e', '2027-03-01');
    await services.create(s);
    await services.save(s.cancelAtEndOfPeriod(), 1);
    await expect(services.save(s.update({ name: 'Other' }, 'EUR'), 1)).rejects.toBeInstanceOf(ConflictError);
  });
});
