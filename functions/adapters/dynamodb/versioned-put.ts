import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../domain/errors.js';
import type { OutboxEffect } from '../../ports/outbox.js';
import { outboxPut } from './outbox-item.js';

/**
 * Saves an item that carries a `version` (optimistic locking): only if the stored one still has
 * `expectedVersion`, and with the outbox items of `effects` in the same transaction when there are
 * any (DESIGN.md "Outbox by stream").
 * @throws ConflictError with `conflictMessage` when the item changed since it was read, or a
 *   concurrent transaction touched it
 */
export async function putVersioned(
  db: DynamoDBDocumentClient,
  tableName: string,
  input: { item: Record<string, unknown>; expectedVersion: number; effects: readonly OutboxEffect[]; conflictMessage: string },
): Promise<void> {
  const put = {
    TableName: tableName,
    Item: input.item,
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ':expected': input.expectedVersion },
  };
  try {
    if (input.effects.length === 0) await db.send(new PutCommand(put));
    else await db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...outboxPut(tableName, input.effects, new Date())] }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException || lostRace(error)) throw new ConflictError(input.conflictMessage, { cause: error });
    throw error;
  }
}

/** A transaction cancelled by a condition or by a concurrent transaction on the same item. */
export function lostRace(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).some(({ Code }) => Code === 'ConditionalCheckFailed' || Code === 'TransactionConflict');
}
