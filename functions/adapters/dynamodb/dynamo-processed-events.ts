import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ProcessedEvents } from '../../ports/processed-events.js';
import { keys } from './keys.js';

/** One item per applied provider event, kept without expiry (providers redeliver for up to 3 days). */
export class DynamoProcessedEvents implements ProcessedEvents {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async seen(provider: string, eventId: string): Promise<boolean> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.processedEvent(provider, eventId), ConsistentRead: true }));
    return Item !== undefined;
  }

  async markProcessed(provider: string, eventId: string, type: string, at: Date): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.tableName,
      Item: { ...keys.processedEvent(provider, eventId), type: 'processed-event', eventType: type, processedAt: at.toISOString() },
    }));
  }
}
