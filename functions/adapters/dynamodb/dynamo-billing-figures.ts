import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Invoice } from '../../domain/invoice.js';
import type { Payment } from '../../domain/payment.js';
import type { BillingFigures, BoundedRead } from '../../ports/billing-figures.js';
import { paymentFromItem } from './dynamo-payment-ledger.js';
import { fromInvoiceItem } from './invoice-item.js';
import { allCustomers, indexes } from './keys.js';

/**
 * The cross-customer reads of the dashboard and reports, each one index query read page by page
 * (see ACCESS-PATTERNS.md): payments on GSI3 `PAYMENTS` by time received, open invoices on GSI2
 * `INVOICE_STATUS#open`, bouncing addresses on the sparse GSI2 `EMAIL_BOUNCED`.
 */
export class DynamoBillingFigures implements BillingFigures {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  paymentsReceived(range: { from: Date; to: Date }, limit: number): Promise<BoundedRead<Payment>> {
    // `<receivedAt>#…` sorts from `<from>` on; `<to>` (no `#`) sorts before every payment made at `to`.
    return this.readUpTo(limit, paymentFromItem, {
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk, '#sk': indexes.lookup.sk },
      ExpressionAttributeValues: { ':pk': allCustomers.payments, ':from': range.from.toISOString(), ':to': range.to.toISOString() },
    });
  }

  openInvoices(limit: number): Promise<BoundedRead<Invoice>> {
    return this.readUpTo(limit, fromInvoiceItem, {
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk },
      ExpressionAttributeValues: { ':pk': 'INVOICE_STATUS#open' },
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
