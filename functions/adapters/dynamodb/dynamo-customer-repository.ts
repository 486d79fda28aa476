import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Customer, EmailProblem } from '../../domain/customer.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { currency, money } from '../../domain/money.js';
import type { CustomerChanges, CustomerRepository, EmailFeedback } from '../../ports/customer-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { allCustomers, cursorKeys, indexes, keys } from './keys.js';

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
  billingAddress?: string[];
  taxId?: string;
  emailBounced?: EmailProblem;
  emailComplained?: EmailProblem;
  signInDisabledAt?: string;
  /** Lower-cased name and email, for the staff search. */
  searchText: string;
}

/** A customer as stored, with its index keys (the import writes new customers with it too). */
export const customerItem = (c: Customer) => ({
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
  ...(c.billingAddress ? { billingAddress: [...c.billingAddress] } : {}),
  ...(c.taxId ? { taxId: c.taxId } : {}),
  searchText: `${c.name} ${c.email}`.toLowerCase(),
});

/** The claim on an email address that keeps it to one customer; written with the customer. */
export const customerEmailItem = (email: string, customerId: string) => ({ ...keys.customerEmail(email), type: 'customer-email', customerId });

/**
 * The stored credit balance as an amount. Every write keeps it within 0..MAX_AMOUNT_MINOR (ledger-items.ts);
 * a balance stored past what a number holds exactly (possible only before that bound existed; the SDK
 * then reads it as a bigint) is read as Number.MAX_SAFE_INTEGER rather than failing every read of
 * the customer, so that staff lists, the customer's invoices and the scheduler go on working and staff
 * can bring it down with Remove credit (whose write subtracts from the exact stored value).
 */
function storedBalance(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : Number.MAX_SAFE_INTEGER;
}

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
    creditBalance: money(storedBalance(item['creditBalance']), code),
    createdAt: i.createdAt,
    ...(i.defaultCardId ? { defaultCardId: i.defaultCardId } : {}),
    ...(i.billingAddress?.length ? { billingAddress: i.billingAddress } : {}),
    ...(i.taxId ? { taxId: i.taxId } : {}),
    ...(i.emailBounced ? { emailBounced: i.emailBounced } : {}),
    ...(i.emailComplained ? { emailComplained: i.emailComplained } : {}),
    ...(i.signInDisabledAt ? { signInDisabledAt: i.signInDisabledAt } : {}),
  };
}

/**
 * How many customers one search request may look at before it answers with what it found and a
 * cursor (about 1 MB of items, a few index reads; well inside the function's timeout). Listing
 * without a search reads exactly one page's worth.
 */
const SEARCH_BUDGET = 2_000;
/** Customers looked at per index read while searching. */
const SEARCH_READ_SIZE = 500;

/** The attributes of a customer item that the customer list's cursor carries. */
const listKeyOf = (item: Record<string, unknown>) =>
  Object.fromEntries(cursorKeys(indexes.byOwner).map((k) => [k, item[k]]));

export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly searchBudget = SEARCH_BUDGET,
  ) {}

  async create(customer: Customer): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [
        { Put: { TableName: this.tableName, Item: customerItem(customer), ConditionExpression: 'attribute_not_exists(PK)' } },
        { Put: { TableName: this.tableName, Item: customerEmailItem(customer.email, customer.id), ConditionExpression: 'attribute_not_exists(PK)' } },
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

  async update(customerId: string, changes: CustomerChanges): Promise<Customer> {
    const set: string[] = [];
    const remove: string[] = [];
    const values: Record<string, unknown> = {};
    const put = (attribute: string, value: unknown) => {
      if (value === undefined) return;
      if (value === null) remove.push(attribute);
      else { set.push(`${attribute} = :${attribute}`); values[`:${attribute}`] = value; }
    };
    put('autopay', changes.autopay);
    put('defaultCardId', changes.defaultCardId);
    put('billingAddress', changes.billingAddress);
    put('taxId', changes.taxId);
    put('signInDisabledAt', changes.signInDisabledAt);
    const expression = [set.length ? `SET ${set.join(', ')}` : '', remove.length ? `REMOVE ${remove.join(', ')}` : ''].join(' ').trim();
    if (!expression) {
      const customer = await this.get(customerId);
      if (!customer) throw new NotFoundError('Customer');
      return customer;
    }
    try {
      const { Attributes } = await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: keys.customer(customerId),
        UpdateExpression: expression,
        ConditionExpression: 'attribute_exists(PK)',
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        ReturnValues: 'ALL_NEW',
      }));
      return fromItem(Attributes!);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('Customer', { cause: error });
      throw error;
    }
  }

  /**
   * A bounce or complaint: SET on condition the address is still the customer's and the report is
   * newer than the one kept (a bounce: and than `emailDeliveredAt`). A delivery: SET
   * `emailDeliveredAt` when newer, then REMOVE a bounce older than it; two conditional writes, each
   * harmless to repeat or reorder.
   */
  async noteEmailFeedback(customerId: string, feedback: EmailFeedback): Promise<'recorded' | 'ignored'> {
    const at = new Date(feedback.at).toISOString();
    const ignoreStale = (error: unknown) => {
      if (error instanceof ConditionalCheckFailedException) return 'ignored' as const;
      throw error;
    };
    const update = (expression: string, condition: string, values: Record<string, unknown>, names: Record<string, string> = {}) =>
      this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: keys.customer(customerId),
        UpdateExpression: expression,
        ConditionExpression: `attribute_exists(PK) AND email = :address AND ${condition}`,
        ExpressionAttributeValues: { ':address': feedback.address, ':at': at, ...values },
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      })).then(() => 'recorded' as const, ignoreStale);
    if (feedback.kind === 'delivery') {
      const noted = await update('SET emailDeliveredAt = :at', '(attribute_not_exists(emailDeliveredAt) OR emailDeliveredAt < :at)', {});
      const cleared = await update('REMOVE emailBounced, GSI2PK, GSI2SK', 'emailBounced.#at < :at', {}, { '#at': 'at' });
      return noted === 'recorded' || cleared === 'recorded' ? 'recorded' : 'ignored';
    }
    const attribute = feedback.kind === 'bounce' ? 'emailBounced' : 'emailComplained';
    const problem: EmailProblem = { address: feedback.address, at, diagnostic: feedback.diagnostic };
    const afterDelivery = feedback.kind === 'bounce' ? ' AND (attribute_not_exists(emailDeliveredAt) OR emailDeliveredAt < :at)' : '';
    // A bounce also lists the customer in the sparse index of bouncing addresses (GSI2 `EMAIL_BOUNCED`).
    const listed = feedback.kind === 'bounce' ? ', GSI2PK = :bouncing, GSI2SK = :id' : '';
    return update(
      `SET ${attribute} = :problem${listed}`,
      `(attribute_not_exists(${attribute}) OR ${attribute}.#at < :at)${afterDelivery}`,
      { ':problem': problem, ...(feedback.kind === 'bounce' ? { ':bouncing': allCustomers.bouncingEmails, ':id': customerId } : {}) },
      { '#at': 'at' },
    );
  }

  /**
   * Without a search: one index read of `limit` customers. With one: index reads of
   * SEARCH_READ_SIZE customers, filtered by DynamoDB on `searchText`, until the page is full, the
   * customers end, or `searchBudget` customers have been looked at; then the cursor is the last
   * customer taken (a full page) or the last one looked at (the budget ran out).
   */
  async list(request: PageRequest & { search?: string }): Promise<Page<Customer>> {
    const search = request.search?.trim().toLowerCase();
    const found: Record<string, unknown>[] = [];
    let startKey = decodeCursor(request.cursor, { keys: cursorKeys(indexes.byOwner), partition: { attribute: indexes.byOwner.pk, value: 'CUSTOMERS' } });
    let lookedAt = 0;
    for (;;) {
      const wanted = request.limit - found.length;
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.byOwner.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': indexes.byOwner.pk, ...(search ? { '#search': 'searchText' } : {}) },
        ExpressionAttributeValues: { ':pk': 'CUSTOMERS', ...(search ? { ':search': search } : {}) },
        ...(search ? { FilterExpression: 'contains(#search, :search)' } : {}),
        ScanIndexForward: false,
        Limit: search ? Math.min(SEARCH_READ_SIZE, this.searchBudget - lookedAt) : wanted,
        ExclusiveStartKey: startKey,
      }));
      const items = page.Items ?? [];
      lookedAt += page.ScannedCount ?? items.length;
      startKey = page.LastEvaluatedKey;
      if (items.length > wanted) {
        // More matched than the page holds: the next page starts after the last one taken.
        found.push(...items.slice(0, wanted));
        startKey = listKeyOf(found.at(-1)!);
        break;
      }
      found.push(...items);
      if (!startKey || found.length === request.limit || lookedAt >= this.searchBudget) break;
    }
    const customers = found.map(fromItem);
    const nextCursor = encodeCursor(startKey);
    return nextCursor ? { items: customers, nextCursor } : { items: customers };
  }

  /** GSI2 `EMAIL_BOUNCED` (written when a bounce is noted), keeping those whose address still bounces. */
  async listWithBouncingEmail(request: PageRequest): Promise<Page<Customer>> {
    const page = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk',
      // A bounce of an address the customer has since changed no longer counts.
      FilterExpression: 'emailBounced.address = email',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
      ExpressionAttributeValues: { ':pk': allCustomers.bouncingEmails },
      Limit: request.limit,
      ExclusiveStartKey: decodeCursor(request.cursor, { keys: cursorKeys(indexes.byStatus), partition: { attribute: indexes.byStatus.pk, value: allCustomers.bouncingEmails } }),
    }));
    const nextCursor = encodeCursor(page.LastEvaluatedKey);
    const items = (page.Items ?? []).map(fromItem);
    return nextCursor ? { items, nextCursor } : { items };
  }
}
