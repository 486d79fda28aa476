import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoice.js';
import type { CreateNumberedOptions, InvoiceFilter, InvoiceListRequest, InvoiceNarrowing, InvoiceRepository } from '../../ports/invoice-repository.js';
import type { ServiceBilling } from '../../ports/service-repository.js';
import type { OutboxEffect } from '../../ports/outbox.js';
import type { Page } from '../../ports/page.js';
import { activityPut } from './activity-item.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { fromInvoiceItem, toInvoiceItem } from './invoice-item.js';
import { outboxPut } from './outbox-item.js';
import { lostRace, putVersioned } from './versioned-put.js';
import { cursorKeys, indexes, keys } from './keys.js';
import { periodItem, toServiceItem } from './service-item.js';

interface Filter { FilterExpression?: string; names?: Record<string, string>; values?: Record<string, unknown> }

/** A filter and narrowing as one DynamoDB filter expression on the invoice item. */
function filterExpression(filter: InvoiceFilter | undefined, narrowing: InvoiceNarrowing | undefined, today: string): Filter {
  const conditions = [statusFilter(filter, today)];
  if (narrowing?.currency) conditions.push({ FilterExpression: 'currency = :currency', values: { ':currency': narrowing.currency } });
  if (narrowing?.dueFrom) conditions.push({ FilterExpression: 'dueDate >= :dueFrom', values: { ':dueFrom': narrowing.dueFrom } });
  if (narrowing?.dueTo) conditions.push({ FilterExpression: 'dueDate <= :dueTo', values: { ':dueTo': narrowing.dueTo } });
  const used = conditions.filter((c) => c.FilterExpression);
  if (used.length === 0) return {};
  return {
    FilterExpression: used.map((c) => c.FilterExpression).join(' AND '),
    names: Object.assign({}, ...used.map((c) => c.names)),
    values: Object.assign({}, ...used.map((c) => c.values)),
  };
}

/** A status filter as a DynamoDB filter expression on the invoice item. */
function statusFilter(filter: InvoiceFilter | undefined, today: string): Filter {
  switch (filter) {
    case undefined:
      return {};
    case 'unpaid':
      return {
        FilterExpression: '#status = :open AND paymentPending = :false',
        names: { '#status': 'status' },
        values: { ':open': 'open', ':false': false },
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
/** How long a creation waits for the counter to move before it stops waiting its turn. */
const STALL_MS = 1_000;
/** About how long one claim takes (a read and a transaction), for pacing the wait. */
const CLAIM_MS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/**
 * True when a service's invoice was refused for the service's sake (its items follow the counter and
 * the invoice in the transaction): retrying would only be refused again.
 */
function serviceRefused(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).slice(2, 4).some(({ Code }) => Code === 'ConditionalCheckFailed');
}

export class DynamoInvoiceRepository implements InvoiceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly numberingBudgetMs = NUMBERING_BUDGET_MS,
  ) {}

  /**
   * Gap-free numbering in one transaction: move the counter from n to n+1 (on condition that it still
   * says n) and put invoice n+1, so no number is ever taken without its invoice.
   *
   * Under a burst of creations, blind retries would starve the unlucky; so each creation first takes a
   * ticket (an atomic add on a separate item, never contended) and waits its turn: the counter records
   * the ticket of the last creation that claimed a number, and only the next ticket tries. If the
   * counter stalls (a creation crashed after taking its ticket), the next ticket tries anyway after
   * STALL_MS, the one after it after twice that, and so on; the conditional transaction keeps any
   * overlap correct.
   */
  async createNumbered(build: (number: number) => Invoice, options: CreateNumberedOptions = {}): Promise<Invoice> {
    const deadline = Date.now() + this.numberingBudgetMs;
    const ticket = await this.takeTicket();
    let seen = -1;
    let unchangedSince = Date.now();
    while (Date.now() < deadline) {
      const { Item: counter } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.invoiceNumberCounter(), ConsistentRead: true }));
      const last = (counter?.['value'] as number | undefined) ?? 0;
      const lastTicket = (counter?.['ticket'] as number | undefined) ?? 0;
      const now = Date.now();
      if (last !== seen) {
        seen = last;
        unchangedSince = now;
      }
      const ahead = ticket - lastTicket - 1;
      // A stall lets the tickets right after it try, one more each STALL_MS, never all at once: a
      // herd of retries would slow every claim and stall the counter again.
      if (ahead > 0 && now - unchangedSince < STALL_MS * ahead) {
        // The next in line polls often; the others sleep half the time their turn is likely to take
        // (CLAIM_MS a number, halving the distance each time), so waiting creations do not load the table.
        await sleep(ahead <= 2 ? 5 : Math.min(2_000, (ahead * CLAIM_MS) / 2));
        continue;
      }
      const invoice = build(last + 1);
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.invoiceNumberCounter(),
              UpdateExpression: 'SET #value = :next, #ticket = :ticket',
              ConditionExpression: last === 0 ? 'attribute_not_exists(#value)' : '#value = :last',
              ExpressionAttributeNames: { '#value': 'value', '#ticket': 'ticket' },
              // Never backwards: a late creation must not make the turn of later tickets look farther away.
              ExpressionAttributeValues: { ':next': last + 1, ':ticket': Math.max(ticket, lastTicket), ...(last === 0 ? {} : { ':last': last }) },
            },
          },
          { Put: { TableName: this.tableName, Item: toInvoiceItem(invoice), ConditionExpression: 'attribute_not_exists(PK)' } },
          ...(options.service ? this.serviceBillingPuts(options.service, invoice.id) : []),
          ...(options.activity ? [activityPut(this.tableName, options.activity(invoice))] : []),
          ...outboxPut(this.tableName, options.effects?.(invoice) ?? [], new Date()),
        ] }));
        return invoice;
      } catch (error) {
        if (options.service && serviceRefused(error)) {
          throw new ConflictError('This service period was already invoiced, or the service changed meanwhile.', { cause: error });
        }
        if (!lostRace(error)) throw error;
        await sleep(Math.random() * 20);
      }
    }
    throw new ConflictError('Too many invoices are being created at once; please try again.');
  }

  /** The service moved on (on condition it is the version read) and its period claimed once. */
  private serviceBillingPuts(billing: ServiceBilling, invoiceId: string) {
    return [
      {
        Put: {
          TableName: this.tableName, Item: toServiceItem(billing.billed),
          ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': billing.expectedVersion },
        },
      },
      { Put: { TableName: this.tableName, Item: periodItem(billing.billed.id, billing.period, invoiceId), ConditionExpression: 'attribute_not_exists(PK)' } },
    ];
  }

  private async takeTicket(): Promise<number> {
    const { Attributes } = await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keys.invoiceNumberTickets(),
      UpdateExpression: 'ADD #next :one',
      ExpressionAttributeNames: { '#next': 'next' },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }));
    return Attributes!['next'] as number;
  }

  async get(id: string): Promise<Invoice | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.invoice(id) }));
    return Item ? fromInvoiceItem(Item) : undefined;
  }

  async save(invoice: Invoice, expectedVersion: number, effects: readonly OutboxEffect[] = []): Promise<void> {
    await putVersioned(this.db, this.tableName, {
      item: toInvoiceItem(invoice), expectedVersion, effects, conflictMessage: 'The invoice was changed by someone else; reload it and try again.',
    });
  }

  listByCustomer(customerId: string, request: InvoiceListRequest): Promise<Page<Invoice>> {
    return this.query(indexes.byOwner, `CUSTOMER#${customerId}`, request);
  }

  list(request: InvoiceListRequest): Promise<Page<Invoice>> {
    return this.query(indexes.lookup, 'INVOICES', request);
  }

  /** Reads the customer's invoices to the end (a few dozen in a customer's life), keeping the open ones. */
  async listOpenByCustomer(customerId: string): Promise<Invoice[]> {
    const open: Invoice[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.byOwner.name,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :invoice)',
        FilterExpression: '#status = :open',
        ExpressionAttributeNames: { '#pk': indexes.byOwner.pk, '#sk': indexes.byOwner.sk, '#status': 'status' },
        ExpressionAttributeValues: { ':pk': `CUSTOMER#${customerId}`, ':invoice': 'INVOICE#', ':open': 'open' },
        ExclusiveStartKey: startKey,
      }));
      open.push(...(page.Items ?? []).map(fromInvoiceItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return open;
  }

  /** GSI2 `INVOICE_STATUS#open`, whose sort keys `<dueDate>#<id>` of dates before `date` sort below it. */
  async listOpenDueBefore(date: string): Promise<Invoice[]> {
    const open: Invoice[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.byStatus.name,
        KeyConditionExpression: '#pk = :pk AND #sk < :date',
        ExpressionAttributeNames: { '#pk': indexes.byStatus.pk, '#sk': indexes.byStatus.sk },
        ExpressionAttributeValues: { ':pk': 'INVOICE_STATUS#open', ':date': date },
        ExclusiveStartKey: startKey,
      }));
      open.push(...(page.Items ?? []).map(fromInvoiceItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return open;
  }

  private async query(
    index: { name: string; pk: string; sk: string },
    partition: string,
    request: InvoiceListRequest,
  ): Promise<Page<Invoice>> {
    const filter = filterExpression(request.filter, request.narrowing, request.today);
    const items: Invoice[] = [];
    let startKey = decodeCursor(request.cursor, {
      keys: cursorKeys(index),
      partition: { attribute: index.pk, value: partition },
      ...(index === indexes.byOwner ? { sortKey: { attribute: index.sk, prefix: 'INVOICE#' } } : {}),
    });
    for (let read = 0; read < MAX_READS_PER_PAGE && items.length < request.limit; read++) {
      const page = await this.db.send(new QueryCommand({
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
      }));
      items.push(...(page.Items ?? []).map(fromInvoiceItem));
      startKey = page.LastEvaluatedKey;
      if (!startKey) break;
    }
    const nextCursor = encodeCursor(startKey);
    return nextCursor ? { items, nextCursor } : { items };
  }
}
