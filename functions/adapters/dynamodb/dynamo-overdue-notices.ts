import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { OutboxEffect } from '../../ports/outbox.js';
import type { OverdueNotices } from '../../ports/overdue-notices.js';
import { keys } from './keys.js';
import { outboxPut } from './outbox-item.js';

/** The mark `INVOICE#<id>` / `OVERDUE_NOTICE` put on `attribute_not_exists` with its outbox item. */
export class DynamoOverdueNotices implements OverdueNotices {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async noteOnce(invoiceId: string, effects: readonly OutboxEffect[], now: Date): Promise<boolean> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [
        {
          Put: {
            TableName: this.tableName, Item: { ...keys.overdueNotice(invoiceId), type: 'overdue-notice', invoiceId, at: now.toISOString() },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...outboxPut(this.tableName, effects, now),
      ] }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  }
}
