import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer } from '../../domain/customer.js';
import { ConflictError } from '../../domain/errors.js';
import { currency, money } from '../../domain/money.js';
import type { CustomerRepository } from '../../ports/customer-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { cursorKeys, indexes, keys } from './keys.js';

interface CustomerItem {
  id: string;
  email: string;
  name: string;
  currency: string;
  userSub: string;
  autopay: boolean;
  creditBalance: number;
  createdAt: string;
  defaultCardId?: string;
  /** Lower-cased name and email, for the staff search. */
  searchText: string;
}

const toItem = (c: Customer) => ({
  ...keys.customer(c.id),
  GSI1PK: 'CUSTOMERS',
  GSI1SK: `${c.createdAt}#${c.id}`,
  GSI3PK: `USER#${c.userSub}`,
  GSI3SK: 'CUSTOMER',
  type: 'customer',
  id: c.id,
  email: c.email,
  name: c.name,
  currency: c.currency,
  userSub: c.userSub,
  autopay: c.autopay,
  creditBalance: c.creditBalance.amountMinor,
  createdAt: c.createdAt,
  defaultCardId: c.defaultCardId,
  searchText: `${c.name} ${c.email}`.toLowerCase(),
});

function fromItem(item: Record<string, unknown>): Customer {
  const i = item as unknown as CustomerItem;
  const code = currency(i.currency);
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    currency: code,
    userSub: i.userSub,
    autopay: i.autopay,
    creditBalance: money(i.creditBalance, code),
    createdAt: i.createdAt,
    ...(i.defaultCardId ? { defaultCardId: i.defaultCardId } : {}),
  };
}

/** How many index pages a filtered list reads at most to fill one page of results. */
const MAX_READS_PER_PAGE = 5;

export class DynamoCustomerRepository implements CustomerRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async create(customer: Customer): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [
        { Put: { TableName: this.tableName, Item: toItem(customer), ConditionExpression: 'attribute_not_exists(PK)' } },
        {
          Put: {
            TableName: this.tableName,
            Item: { ...keys.customerEmail(customer.email), type: 'customer-email', customerId: customer.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ] }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        throw new ConflictError(`A customer with the email ${customer.email} already exists.`, { cause: error });
      }
      throw error;
    }
  }

  async get(id: string): Promise<Customer | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.customer(id) }));
    return Item ? fromItem(Item) : undefined;
  }

  async findByUserSub(userSub: string): Promise<Customer | undefined> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': `USER#${userSub}` },
      Limit: 1,
    }));
    return Items[0] ? fromItem(Items[0]) : undefined;
  }

  async findByEmail(email: string): Promise<Customer | undefined> {
    const { Item: claim } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.customerEmail(email) }));
    return claim ? this.get(claim['customerId'] as string) : undefined;
  }

  async updatePreferences(customerId: string, changes: { autopay?: boolean; defaultCardId?: string | null }): Promise<Customer> {
    const set: string[] = [];
    const remove: string[] = [];
    const values: Record<string, unknown> = {};
    if (changes.autopay !== undefined) { set.push('autopay = :autopay'); values[':autopay'] = changes.autopay; }
    if (changes.defaultCardId === null) remove.push('defaultCardId');
    else if (changes.defaultCardId !== undefined) { set.push('defaultCardId = :card'); values[':card'] = changes.defaultCardId; }
    const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim();
    if (!expression) return (await this.get(customerId))!;
    const { Attributes } = await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keys.customer(customerId),
      UpdateExpression: expression,
      ConditionExpression: 'attribute_exists(PK)',
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      ReturnValues: 'ALL_NEW',
    }));
    return fromItem(Attributes!);
  }

  async list(request: PageRequest & { search?: string }): Promise<Page<Customer>> {
    const search = request.search?.trim().toLowerCase();
    const items: Customer[] = [];
    let startKey = decodeCursor(request.cursor, { keys: cursorKeys(indexes.byOwner), partition: { attribute: indexes.byOwner.pk, value: 'CUSTOMERS' } });
    for (let read = 0; read < MAX_READS_PER_PAGE && items.length < request.limit; read++) {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.byOwner.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': indexes.byOwner.pk, ...(search ? { '#search': 'searchText' } : {}) },
        ExpressionAttributeValues: { ':pk': 'CUSTOMERS', ...(search ? { ':search': search } : {}) },
        ...(search ? { FilterExpression: 'contains(#search, :search)' } : {}),
        ScanIndexForward: false,
        Limit: request.limit - items.length,
        ExclusiveStartKey: startKey,
      }));
      items.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    const nextCursor = encodeCursor(startKey);
    return nextCursor ? { items, nextCursor } : { items };
  }
}
