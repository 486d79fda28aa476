import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Invoice } from '../../domain/invoice.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import type { Payment } from '../../domain/payment.js';
import type { Refund } from '../../domain/refund.js';
import type { Service } from '../../domain/service.js';
import type { BillingFigures, BoundedRead } from '../../ports/billing-figures.js';
import { entryFromItem, paymentFromItem } from './dynamo-payment-ledger.js';
import { refundFromItem } from './dynamo-refund-records.js';
import { fromInvoiceItem } from './invoice-item.js';
import { allCustomers, indexes } from './keys.js';
import { fromServiceItem } from './service-item.js';

/**
 * The cross-customer reads of the dashboard and reports, each one index query read page by page
 * (see ACCESS-PATTERNS.md): payments, ledger entries and refunds on GSI3 (`PAYMENTS`, `LEDGER`,
 * `REFUNDS`) by time, invoices issued on GSI3 `INVOICES` by number, open invoices on GSI2
 * `INVOICE_STATUS#open`, bouncing addresses on the sparse GSI2 `EMAIL_BOUNCED`, every service on
 * GSI3 `SERVICES`.
 */
export class DynamoBillingFigures implements BillingFigures {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  paymentsReceived(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Payment>> {
    return this.readUpTo(limit, paymentFromItem, byTime(allCustomers.payments, range));
  }

  /**
   * GSI3 `PAYMENTS` over the range with a filter on the fee's flag: DynamoDB still reads (and bills)
   * every payment of the range, but returns only the flagged, and `limit` counts payments read.
   */
  async flaggedPaymentsReceived(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Payment>> {
    const query = byTime(allCustomers.payments, range);
    const found: Payment[] = [];
    let read = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        ...query, TableName: this.tableName, Limit: Math.min(5_000, limit + 1 - read), ExclusiveStartKey: startKey,
        FilterExpression: 'processorFee.flagged = :flagged',
        ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':flagged': true },
      }));
      read += page.ScannedCount ?? 0;
      for (const item of page.Items ?? []) found.push(paymentFromItem(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey && read <= limit);
    return { items: found, complete: !startKey };
  }

  ledgerEntries(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<LedgerEntry>> {
    return this.readUpTo(limit, entryFromItem, byTime(allCustomers.ledger, range));
  }

  refunds(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Refund>> {
    return this.readUpTo(limit, refundFromItem, byTime(allCustomers.refunds, range));
  }

  /**
   * The list of every invoice by number (GSI3 `INVOICES`), newest first, keeping those issued in the
   * range. It does not stop at the first invoice issued before `from`: an import of accounts issues
   * back-dated invoices under new numbers, so numbers follow issue order only mostly. It reads every
   * invoice, up to `limit`; an index by issue time would make this a range read (see ACCESS-PATTERNS.md).
   */
  async invoicesIssued(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Invoice>> {
    const from = range.from.toISOString();
    const to = range.to.toISOString();
    const found: Invoice[] = [];
    let read = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.lookup.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
        ExpressionAttributeValues: { ':pk': 'INVOICES' },
        ScanIndexForward: false,
        Limit: Math.min(1_000, limit + 1 - read),
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) {
        read += 1;
        const issuedAt = item['issuedAt'] as string;
        if (issuedAt >= from && issuedAt < to && item['status'] !== 'draft') found.push(fromInvoiceItem(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey && read <= limit);
    return { items: found, complete: !startKey };
  }

  openInvoices(limit: number): Promise<BoundedRead<Invoice>> {
    return this.readUpTo(limit, fromInvoiceItem, {
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
      ExpressionAttributeValues: { ':pk': 'INVOICE_STATUS#open' },
    });
  }

  services(limit: number): Promise<BoundedRead<Service>> {
    return this.readUpTo(limit, fromServiceItem, {
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': allCustomers.services },
    });
  }

  async countCustomersWithBouncingEmail(): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        IndexName: indexes.byStatus.name,
        KeyConditionExpression: '#pk = :pk',
        // A bounce of an address the customer has since changed no longer counts (`currentEmailBounce`).
        FilterExpression: 'emailBounced.address = email',
        ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
        ExpressionAttributeValues: { ':pk': allCustomers.bouncingEmails },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  /** Reads the query's pages until it ends or `limit` items are read (then `complete` is false). */
  private async readUpTo<T>(limit: number, map: (item: Record<string, unknown>) => T, query: Omit<QueryCommandInput, 'TableName'>): Promise<BoundedRead<T>> {
    const items: T[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        ...query, TableName: this.tableName, Limit: limit + 1 - items.length, ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) items.push(map(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey && items.length <= limit);
    return { items: items.slice(0, limit), complete: items.length <= limit };
  }
}

/**
 * A range of times on a GSI3 partition whose sort key starts `<ISO time>#`: `<from>` sorts before
 * every item made at `from`, and `<to>` (no `#`) before every item made at `to`, so `to` is exclusive.
 */
function byTime(partition: string, range: { from: Date; to: Date }): Omit<QueryCommandInput, 'TableName'> {
  return {
    IndexName: indexes.lookup.name,
    KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
    ExpressionAttributeNames: { '#pk': indexes.lookup.pk, '#sk': indexes.lookup.sk },
    ExpressionAttributeValues: { ':pk': partition, ':from': range.from.toISOString(), ':to': range.to.toISOString() },
  };
}
