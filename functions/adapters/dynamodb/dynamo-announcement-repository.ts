import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Announcement } from '../../domain/announcement.js';
import { calendarDate } from '../../domain/calendar-date.js';
import type { AnnouncementRepository } from '../../ports/announcement-repository.js';
import type { Page, PageRequest } from '../../ports/page.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { cursorKeys, indexes, keys } from './keys.js';

const PARTITION = 'ANNOUNCEMENTS';

/**
 * Announcements, one item each, listed on GSI1 under `ANNOUNCEMENTS` by `<date>#<publishedAt>#<id>`:
 * one partition, written a few times a year, read a page at a time.
 */
export class DynamoAnnouncementRepository implements AnnouncementRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async publish(a: Announcement): Promise<'published' | 'exists'> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.announcement(a.id), GSI1PK: PARTITION, GSI1SK: `${a.date}#${a.publishedAt}#${a.id}`,
          type: 'announcement', id: a.id, title: a.title, text: a.text, date: a.date, publishedAt: a.publishedAt,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return 'published';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  async list(request: PageRequest): Promise<Page<Announcement>> {
    const page = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.byOwner.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.byOwner.pk },
      ExpressionAttributeValues: { ':pk': PARTITION },
      ScanIndexForward: false,
      Limit: request.limit,
      ExclusiveStartKey: decodeCursor(request.cursor, { keys: cursorKeys(indexes.byOwner), partition: { attribute: indexes.byOwner.pk, value: PARTITION } }),
    }));
    const items = (page.Items ?? []).map((i): Announcement => ({
      id: i['id'] as string, title: i['title'] as string, text: i['text'] as string,
      date: calendarDate(i['date'] as string), publishedAt: i['publishedAt'] as string,
    }));
    const nextCursor = encodeCursor(page.LastEvaluatedKey);
    return nextCursor ? { items, nextCursor } : { items };
  }

  async remove(id: string): Promise<'removed' | 'not-found'> {
    try {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.announcement(id), ConditionExpression: 'attribute_exists(PK)' }));
      return 'removed';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'not-found';
      throw error;
    }
  }
}
