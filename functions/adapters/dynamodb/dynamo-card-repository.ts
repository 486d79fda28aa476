import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SavedCard } from '../../domain/saved-card.js';
import type { CardRepository } from '../../ports/card-repository.js';
import { indexes, keys } from './keys.js';

const fromItem = (i: Record<string, unknown>): SavedCard => ({
  id: i['id'] as string,
  customerId: i['customerId'] as string,
  brand: i['brand'] as string,
  last4: i['last4'] as string,
  expMonth: i['expMonth'] as number,
  expYear: i['expYear'] as number,
  addedAt: i['addedAt'] as string,
});

/** Saved cards live in the customer's partition (`CARD#<id>`), beside the customer and the ledger. */
export class DynamoCardRepository implements CardRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async list(customerId: string): Promise<SavedCard[]> {
    const { Items } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :card)',
      ExpressionAttributeValues: { ':pk': keys.customer(customerId).PK, ':card': 'CARD#' },
    }));
    return (Items ?? []).map(fromItem).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  async get(customerId: string, cardId: string): Promise<SavedCard | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.savedCard(customerId, cardId) }));
    return Item ? fromItem(Item) : undefined;
  }

  async findById(cardId: string): Promise<SavedCard | undefined> {
    const { Items } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': `CARD#${cardId}` },
      Limit: 1,
    }));
    return Items?.[0] ? fromItem(Items[0]) : undefined;
  }

  async add(card: SavedCard): Promise<void> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.savedCard(card.customerId, card.id), GSI3PK: `CARD#${card.id}`, GSI3SK: 'CARD', type: 'saved-card', ...card },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async remove(customerId: string, cardId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.savedCard(customerId, cardId) }));
  }
}
