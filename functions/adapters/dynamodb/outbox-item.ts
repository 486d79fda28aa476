import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { OutboxEffect } from '../../ports/outbox.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How long an outbox item stays after it is written; the stream consumer has long handled it by then. */
const OUTBOX_RETENTION_SECONDS = 14 * 86_400;

/** The item type the stream consumer recognises (its event filter matches INSERTs of this type). */
export const OUTBOX_ITEM_TYPE = 'outbox';

/**
 * The effects of one change, as one item put in the same TransactWriteItems as the change: written
 * if and only if the change is, never overwritten, and removed by TTL two weeks later. One item per
 * transaction keeps the transaction within DynamoDB's 100 items however many effects it has.
 */
export function outboxPut(tableName: string, effects: readonly OutboxEffect[], now: Date): TransactItem[] {
  if (effects.length === 0) return [];
  const id = randomUUID();
  return [{
    Put: {
      TableName: tableName,
      Item: {
        PK: `OUTBOX#${id}`, SK: 'OUTBOX', type: OUTBOX_ITEM_TYPE, id, effects, createdAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  }];
}
