import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { InvoiceActivity } from '../../domain/invoice-activity.js';
import type { InvoiceActivityLog } from '../../ports/invoice-activity-log.js';
import { activityFromItem, activityItem, activityPut } from './activity-item.js';
import { keys } from './keys.js';

/**
 * Activity lines in the invoice's partition (`ACTIVITY#<at>#<id>`, so a query reads them in time
 * order), and the time of the last logged view beside them (`VIEWED`). See ACCESS-PATTERNS.md.
 */
export class DynamoInvoiceActivityLog implements InvoiceActivityLog {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async record(activity: InvoiceActivity): Promise<void> {
    try {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: activityItem(activity), ConditionExpression: 'attribute_not_exists(PK)' }));
    } catch (error) {
      // Written before (a retry of the same change): lines never change.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * One transaction: move the last-view time forward on condition that it is older than `quietMs`
   * (or absent), and put the line. Views at the same moment race on that condition; one wins.
   */
  async recordView(activity: InvoiceActivity, quietMs: number): Promise<'recorded' | 'recent'> {
    const before = new Date(Date.parse(activity.at) - quietMs).toISOString();
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...keys.invoiceView(activity.invoiceId), type: 'invoice-view', lastViewedAt: activity.at },
              ConditionExpression: 'attribute_not_exists(PK) OR lastViewedAt <= :before',
              ExpressionAttributeValues: { ':before': before },
            },
          },
          activityPut(this.tableName, activity),
        ],
      }));
      return 'recorded';
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map(({ Code }) => Code) : [];
      if (reasons[0] === 'ConditionalCheckFailed' || reasons.includes('TransactionConflict')) return 'recent';
      throw error;
    }
  }

  async list(invoiceId: string): Promise<InvoiceActivity[]> {
    const lines: InvoiceActivity[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :activity)',
        ExpressionAttributeValues: { ':pk': keys.invoice(invoiceId).PK, ':activity': 'ACTIVITY#' },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      lines.push(...(page.Items ?? []).map(activityFromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return lines;
  }
}
