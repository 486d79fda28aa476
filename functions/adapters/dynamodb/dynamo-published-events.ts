import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BillingEvent, PublishedEvent, PublishedEvents } from '../../ports/event-publisher.js';
import { indexes, keys } from './keys.js';

/** How long a claimed event is held by its publisher: far longer than one PutEvents call can take. */
export const EVENT_LEASE_MS = 60_000;

/** GSI1's partition of published events, newest first. */
const BUS_EVENTS = 'BUS_EVENTS';

/**
 * Events claimed with one conditional put (put if absent, or if an earlier claim's lease ran out;
 * `ALL_OLD` on failure says done or in progress without a read), as DynamoSentEmails claims emails.
 * A published event joins GSI1's `BUS_EVENTS` list, which the staff page of events reads.
 */
export class DynamoPublishedEvents implements PublishedEvents {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async claim(event: BillingEvent, now: Date): Promise<'claimed' | 'in_progress' | 'done'> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.publishedEvent(event.dedupeKey), type: 'bus-event', event,
          status: 'in_progress', claimedAt: now.toISOString(), leaseUntil: now.getTime() + EVENT_LEASE_MS,
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

  async complete(dedupeKey: string, now: Date): Promise<void> {
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keys.publishedEvent(dedupeKey),
      UpdateExpression: 'SET #status = :done, publishedAt = :at, #gpk = :list, #gsk = :order REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status', '#gpk': indexes.byOwner.pk, '#gsk': indexes.byOwner.sk },
      ExpressionAttributeValues: { ':done': 'done', ':at': now.toISOString(), ':list': BUS_EVENTS, ':order': `${now.toISOString()}#${dedupeKey}` },
    }));
  }

  async release(dedupeKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({
      TableName: this.tableName,
      Key: keys.publishedEvent(dedupeKey),
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':inProgress': 'in_progress' },
    })).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }

  async list(limit: number): Promise<PublishedEvent[]> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.byOwner.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.byOwner.pk },
      ExpressionAttributeValues: { ':pk': BUS_EVENTS },
      ScanIndexForward: false,
      Limit: limit,
    }));
    return Items.map((i) => ({ ...(i['event'] as BillingEvent), publishedAt: i['publishedAt'] as string }));
  }
}
