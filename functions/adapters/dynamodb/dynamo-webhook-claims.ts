import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ClaimResult, EventResolution, WebhookClaims } from '../../ports/payments/webhook-claims.js';
import { keys } from './keys.js';

/**
 * How long a claimed event is held by the delivery applying it. Longer than any webhook function may
 * run (see the route table), so a live delivery is never overtaken; once it has run out, a delivery
 * that died mid-way is taken over by the provider's next one.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * Webhook events claimed with one conditional put, as Powertools' DynamoDBPersistenceLayer claims an
 * idempotency record: put if absent, or if a previous claim's lease ran out; on failure DynamoDB hands
 * back the item it kept (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), which says done or in
 * progress without a second read. Items have no expiry: providers redeliver for days.
 */
export class DynamoWebhookClaims implements WebhookClaims {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async claim(provider: string, dedupeKey: string, now: Date): Promise<ClaimResult> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.webhookEvent(provider, dedupeKey),
          type: 'webhook-event',
          provider,
          status: 'in_progress',
          claimedAt: now.toISOString(),
          leaseUntil: now.getTime() + CLAIM_LEASE_MS,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR (#status = :inProgress AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'in_progress', ':now': now.getTime() },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item?.['status']?.S === 'in_progress' ? 'in_progress' : 'done';
    }
  }

  async complete(provider: string, dedupeKey: string, resolution: EventResolution, now: Date): Promise<void> {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keys.webhookEvent(provider, dedupeKey),
      UpdateExpression: 'SET #status = :done, outcome = :outcome, eventType = :eventType, processedAt = :at, reason = :reason REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':done': 'done', ':outcome': resolution.outcome, ':eventType': resolution.eventType, ':at': now.toISOString(),
        ':reason': resolution.reason ?? null,
      },
    }));
  }

  async release(provider: string, dedupeKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({
      TableName: this.tableName,
      Key: keys.webhookEvent(provider, dedupeKey),
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':inProgress': 'in_progress' },
    })).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
