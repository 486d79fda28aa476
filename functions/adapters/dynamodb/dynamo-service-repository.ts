import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { nextDay } from '../../domain/calendar-date.js';
import type { CalendarDate } from '../../domain/calendar-date.js';
import type { Service } from '../../domain/service.js';
import type { OutboxEffect } from '../../ports/outbox.js';
import type { InvoicedPeriod, ServiceRepository } from '../../ports/service-repository.js';
import { indexes, keys } from './keys.js';
import { putVersioned } from './versioned-put.js';
import { SERVICES_BILLED, fromPeriodItem, fromServiceItem, toServiceItem } from './service-item.js';

/**
 * Services in the single table (ACCESS-PATTERNS.md): one item each, under the customer on GSI1 and,
 * while still billed, on GSI2's `SERVICES_BILLED` partition by next due date; their invoiced periods
 * in the service's own partition. Issuing a period's invoice is `DynamoInvoiceRepository.createNumbered`
 * with a ServiceBilling, in the invoice's transaction.
 */
export class DynamoServiceRepository implements ServiceRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(service: Service): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: toServiceItem(service), ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  async get(id: string): Promise<Service | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.service(id) }));
    return Item ? fromServiceItem(Item) : undefined;
  }

  async save(service: Service, expectedVersion: number, effects: readonly OutboxEffect[] = []): Promise<void> {
    await putVersioned(this.db, this.tableName, {
      item: toServiceItem(service), expectedVersion, effects, conflictMessage: 'The service was changed by someone else; reload it and try again.',
    });
  }

  async listByCustomer(customerId: string): Promise<Service[]> {
    const items = await this.queryAll({
      IndexName: indexes.byOwner.name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :service)',
      ExpressionAttributeNames: { '#pk': indexes.byOwner.pk, '#sk': indexes.byOwner.sk },
      ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':service': 'SERVICE#' },
    });
    return items.map(fromServiceItem);
  }

  async listDueThrough(through: CalendarDate): Promise<Service[]> {
    // Sort keys are `<nextDueDate>#<id>`: every key of a date up to `through` sorts below the next day.
    const items = await this.queryAll({
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk AND #sk < :after',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk, '#sk': indexes.byStatus.sk },
      ExpressionAttributeValues: { ':pk': SERVICES_BILLED, ':after': nextDay(through) },
    });
    return items.map(fromServiceItem);
  }

  async firstDue(): Promise<Service | undefined> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
      ExpressionAttributeValues: { ':pk': SERVICES_BILLED },
      Limit: 1,
    }));
    return Items[0] ? fromServiceItem(Items[0]) : undefined;
  }

  async listInvoicedPeriods(serviceId: string): Promise<InvoicedPeriod[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :period)',
      ExpressionAttributeValues: { ':pk': keys.service(serviceId).PK, ':period': 'PERIOD#' },
    });
    return items.map(fromPeriodItem);
  }

  async periodsOfInvoice(invoiceId: string): Promise<InvoicedPeriod[]> {
    const items = await this.queryAll({
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :service)',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk, '#sk': indexes.byStatus.sk },
      ExpressionAttributeValues: { ':pk': `INVOICE#${invoiceId}`, ':service': 'SERVICE#' },
    });
    return items.map(fromPeriodItem);
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
