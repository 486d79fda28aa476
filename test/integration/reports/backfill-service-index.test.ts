import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoBillingFigures } from '../../../functions/adapters/dynamodb/dynamo-billing-figures.js';
import { DynamoServiceRepository } from '../../../functions/adapters/dynamodb/dynamo-service-repository.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { keys } from '../../../functions/adapters/dynamodb/keys.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { money } from '../../../functions/domain/money.js';
import { Service } from '../../../functions/domain/service.js';
import { backfillServiceIndex } from '../../../scripts/backfill-service-index.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

describe('The service index backfill (scripts/backfill-service-index.ts)', () => {
  it('gives services written before the SERVICES index its keys, once, so the recurring revenue counts them', async () => {
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    const tableName = await createTestTable();
    const services = new DynamoServiceRepository(db, tableName);
    for (const id of ['svc_old', 'svc_new']) {
      await services.create(Service.create({
        id, customerId: 'cus_1', customerCurrency: 'USD', name: 'Hosting', price: money(1_200, 'USD'), cycle: 'monthly',
        nextDueDate: calendarDate('2026-12-01'), createdAt: new Date('2026-01-01T00:00:00Z'),
      }));
    }
    // As the older release wrote it: no GSI3 keys.
    await db.send(new UpdateCommand({ TableName: tableName, Key: keys.service('svc_old'), UpdateExpression: 'REMOVE GSI3PK, GSI3SK' }));
    const figures = new DynamoBillingFigures(db, tableName);
    expect((await figures.services(100)).items.map((s) => s.id)).toEqual(['svc_new']);
    const before = (await db.send(new GetCommand({ TableName: tableName, Key: keys.service('svc_old') }))).Item!;

    const first = await backfillServiceIndex(db, tableName);
    const second = await backfillServiceIndex(db, tableName);

    expect(first).toEqual({ found: 1, updated: 1, alreadyDone: 0 });
    expect(second).toEqual({ found: 0, updated: 0, alreadyDone: 0 });
    expect((await figures.services(100)).items.map((s) => s.id).sort()).toEqual(['svc_new', 'svc_old']);
    const after = (await db.send(new GetCommand({ TableName: tableName, Key: keys.service('svc_old') }))).Item!;
    expect(after).toEqual({ ...before, GSI3PK: 'SERVICES', GSI3SK: '2026-01-01T00:00:00.000Z#svc_old' });
  });
});
