import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { OUTBOX_ITEM_TYPE } from '../../functions/adapters/dynamodb/outbox-item.js';
import type { OutboxEffect } from '../../functions/ports/outbox.js';

/** An outbox item as it is stored (functions/adapters/dynamodb/outbox-item.ts). */
export interface StoredOutboxItem {
  readonly PK: string;
  readonly SK: string;
  readonly type: string;
  readonly id: string;
  readonly effects: OutboxEffect[];
  readonly createdAt: string;
  readonly expiresAt: number;
}

/** Every outbox item in the table, read page by page: what the stream brings to the outbox consumer. */
export async function outboxItemsIn(db: DynamoDBDocumentClient, tableName: string): Promise<StoredOutboxItem[]> {
  const items: StoredOutboxItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({
      TableName: tableName, FilterExpression: '#type = :outbox', ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':outbox': OUTBOX_ITEM_TYPE }, ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    items.push(...(page.Items ?? []) as StoredOutboxItem[]);
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Every effect the table's outbox items ask for, in one list. */
export async function outboxEffectsIn(db: DynamoDBDocumentClient, tableName: string): Promise<OutboxEffect[]> {
  return (await outboxItemsIn(db, tableName)).flatMap((item) => item.effects);
}
