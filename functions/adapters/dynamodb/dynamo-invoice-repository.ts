import { ConflictError } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoice.js';
import type { InvoiceFilter, InvoiceRepository } from '../../ports/invoice-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { fromInvoiceItem, toInvoiceItem } from './invoice-item.js';
import { cursorKeys, indexes, keys } from './keys.js';
import { ConditionFailedError, type TableClient, TransactionCanceledError } from './table-client.js';

/** A filter as a DynamoDB filter expression on the invoice item. */
function filterExpression(filter: InvoiceFilter | undefined, today: string) {
  switch (filter) {
    case undefined:
      return {};
    case 'unpaid':
      return {
        FilterExpression: '#status = :open AND paymentPending = :false AND dueDate >= :today',
        names: { '#status': 'status' },
        values: { ':open': 'open', ':false': false, ':today': today },
      };
    case 'overdue':
      return {
        FilterExpression: '#status = :open AND paymentPending = :false AND dueDate < :today',
        names: { '#status': 'status' },
        values: { ':open': 'open', ':false': false, ':today': today },
      };
    case 'pending':
      return {
        FilterExpression: '#status = :open AND paymentPending = :true',
        names: { '#status': 'status' },
        values: { ':open': 'open', ':true': true },
      };
    default:
      return { FilterExpression: '#status = :status', names: { '#status': 'status' }, values: { ':status': filter } };
  }
}

const MAX_READS_PER_PAGE = 5;
/**
 * How long one creation keeps trying for a number before answering "try again": long enough for 200
 * simultaneous creations (about 6 s on DynamoDB Local on a busy machine), inside the 29-second timeout
 * the stack gives the create-invoice function (API Gateway waits 30 s at most).
 */
const NUMBERING_BUDGET_MS = 25_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when a transaction failed only because another writer got there first. */
function lostRace(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledError)) return false;
  return error.reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');
}

export class DynamoInvoiceRepository implements InvoiceRepository {
  constructor(private readonly db: TableClient, private readonly tableName: string) {}

  /**
   * Optimistic numbering: read the counter, then in one transaction move it from n to n+1 (on condition
   * that it still says n) and put invoice n+1. A writer that loses the race backs off with full jitter
   * and tries again, so numbers stay consecutive and no number is taken without its invoice.
   */
  async createNumbered(build: (number: number) => Invoice): Promise<Invoice> {
    const deadline = Date.now() + NUMBERING_BUDGET_MS;
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      const counter = await this.db.get({ TableName: this.tableName, Key: keys.invoiceNumberCounter(), ConsistentRead: true });
      const last = (counter?.['value'] as number | undefined) ?? 0;
      const invoice = build(last + 1);
      try {
        await this.db.transactWrite([
          {
            Update: {
              TableName: this.tableName,
              Key: keys.invoiceNumberCounter(),
              UpdateExpression: 'SET #value = :next',
              ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
              ExpressionAttributeNames: { '#value': 'value' },
              ExpressionAttributeValues: { ':next': last + 1, ...(last === 0 ? {} : { ':last': last }) },
            },
          },
          { Put: { TableName: this.tableName, Item: toInvoiceItem(invoice), ConditionExpression: 'attribute_not_exists(PK)' } },
        ]);
        return invoice;
      } catch (error) {
        if (!lostRace(error)) throw error;
        // Full jitter, growing to a 1 s window: losers spread out instead of colliding again at once.
        await sleep(Math.random() * Math.min(1_000, 8 * 2 ** Math.min(attempt, 7)));
      }
    }
    throw new ConflictError('Too many invoices are being created at once; please try again.');
  }

  async get(id: string): Promise<Invoice | undefined> {
    const item = await this.db.get({ TableName: this.tableName, Key: keys.invoice(id) });
    return item ? fromInvoiceItem(item) : undefined;
  }

  async save(invoice: Invoice, expectedVersion: number): Promise<void> {
    try {
      await this.db.put({
        TableName: this.tableName,
        Item: toInvoiceItem(invoice),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: { ':expected': expectedVersion },
      });
    } catch (error) {
      if (error instanceof ConditionFailedError) {
        throw new ConflictError('The invoice was changed by someone else; reload it and try again.', { cause: error });
      }
      throw error;
    }
  }

  listByCustomer(customerId: string, request: PageRequest & { filter?: InvoiceFilter; today: string }): Promise<Page<Invoice>> {
    return this.query(indexes.byOwner, `CUSTOMER#${customerId}`, request);
  }

  list(request: PageRequest & { filter?: InvoiceFilter; today: string }): Promise<Page<Invoice>> {
    return this.query(indexes.lookup, 'INVOICES', request);
  }

  private async query(
    index: { name: string; pk: string; sk: string },
    partition: string,
    request: PageRequest & { filter?: InvoiceFilter; today: string },
  ): Promise<Page<Invoice>> {
    const filter = filterExpression(request.filter, request.today);
    const items: Invoice[] = [];
    let startKey = decodeCursor(request.cursor, cursorKeys(index));
    for (let read = 0; read < MAX_READS_PER_PAGE && items.length < request.limit; read++) {
      const page = await this.db.query({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: index === indexes.byOwner ? '#pk = :pk AND begins_with(#sk, :invoice)' : '#pk = :pk',
        ExpressionAttributeNames: {
          '#pk': index.pk, ...(index === indexes.byOwner ? { '#sk': index.sk } : {}), ...filter.names,
        },
        ExpressionAttributeValues: {
          ':pk': partition, ...(index === indexes.byOwner ? { ':invoice': 'INVOICE#' } : {}), ...filter.values,
        },
        ...(filter.FilterExpression ? { FilterExpression: filter.FilterExpression } : {}),
        ScanIndexForward: false,
        Limit: request.limit - items.length,
        ExclusiveStartKey: startKey,
      });
      items.push(...page.items.map(fromInvoiceItem));
      startKey = page.lastKey;
      if (!startKey) break;
    }
    const nextCursor = encodeCursor(startKey);
    return nextCursor ? { items, nextCursor } : { items };
  }
}
