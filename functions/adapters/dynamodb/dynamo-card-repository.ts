import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
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

/** A saved card as stored: in its customer's partition, and on GSI3 by its id. */
export const savedCardItem = (card: SavedCard) => ({
  ...keys.savedCard(card.customerId, card.id), GSI3PK: `CARD#${card.id}`, GSI3SK: 'CARD', type: 'saved-card', ...card,
});

/** Saved cards live in the customer's partition (`CARD#<id>`), beside the customer and the ledger. */
export class DynamoCardRepository implements CardRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async list(customerId: string): Promise<SavedCard[]> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :card)',
      ExpressionAttributeValues: { ':pk': keys.customer(customerId).PK, ':card': 'CARD#' },
    }));
    return Items.map(fromItem).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  async get(customerId: string, cardId: string): Promise<SavedCard | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.savedCard(customerId, cardId) }));
    return Item ? fromItem(Item) : undefined;
  }

  async findById(cardId: string): Promise<SavedCard | undefined> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': `CARD#${cardId}` },
      Limit: 1,
    }));
    return Items[0] ? fromItem(Items[0]) : undefined;
  }

  async add(card: SavedCard): Promise<void> {
    const put = {
      TableName: this.tableName,
      Item: savedCardItem(card),
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: [
        { Put: put },
        {
          Update: {
            TableName: this.tableName,
            Key: keys.customer(card.customerId),
            UpdateExpression: 'SET defaultCardId = :card',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(defaultCardId)',
            ExpressionAttributeValues: { ':card': card.id },
          },
        },
      ] }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return; // saved before
      // The customer has a default card already: save this one beside it.
      try {
        await this.db.send(new PutCommand(put));
      } catch (again) {
        if (!(again instanceof ConditionalCheckFailedException)) throw again;
      }
    }
  }

  async remove(customerId: string, cardId: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: keys.savedCard(customerId, cardId) }));
  }
}
