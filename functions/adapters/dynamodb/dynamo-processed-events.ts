import type { ProcessedEvents } from '../../ports/processed-events.js';
import { keys } from './keys.js';
import type { TableClient } from './table-client.js';

/** One item per applied provider event, kept without expiry (providers redeliver for up to 3 days). */
export class DynamoProcessedEvents implements ProcessedEvents {
  constructor(private readonly db: TableClient, private readonly tableName: string) {}

  async seen(provider: string, eventId: string): Promise<boolean> {
    const item = await this.db.get({ TableName: this.tableName, Key: keys.processedEvent(provider, eventId), ConsistentRead: true });
    return item !== undefined;
  }

  async markProcessed(provider: string, eventId: string, type: string, at: Date): Promise<void> {
    await this.db.put({
      TableName: this.tableName,
      Item: { ...keys.processedEvent(provider, eventId), type: 'processed-event', eventType: type, processedAt: at.toISOString() },
    });
  }
}
