import type { SavedCard } from '../../domain/saved-card.js';
import type { CardRepository } from '../../ports/card-repository.js';
import { indexes, keys } from './keys.js';
import { ConditionFailedError, type TableClient, TransactionCanceledError } from './table-client.js';

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
  constructor(private readonly db: TableClient, private readonly tableName: string) {}

  async list(customerId: string): Promise<SavedCard[]> {
    const { items } = await this.db.query({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :card)',
      ExpressionAttributeValues: { ':pk': keys.customer(customerId).PK, ':card': 'CARD#' },
    });
    return items.map(fromItem).sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  async get(customerId: string, cardId: string): Promise<SavedCard | undefined> {
    const item = await this.db.get({ TableName: this.tableName, Key: keys.savedCard(customerId, cardId) });
    return item ? fromItem(item) : undefined;
  }

  async findById(cardId: string): Promise<SavedCard | undefined> {
    const { items } = await this.db.query({
      TableName: this.tableName,
      IndexName: indexes.lookup.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': `CARD#${cardId}` },
      Limit: 1,
    });
    return items[0] ? fromItem(items[0]) : undefined;
  }

  async add(card: SavedCard): Promise<void> {
    const put = {
      TableName: this.tableName,
      Item: { ...keys.savedCard(card.customerId, card.id), GSI3PK: `CARD#${card.id}`, GSI3SK: 'CARD', type: 'saved-card', ...card },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    try {
      await this.db.transactWrite([
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
      ]);
    } catch (error) {
      if (!(error instanceof TransactionCanceledError)) throw error;
      if (error.reasons[0] === 'ConditionalCheckFailed') return; // saved before
      // The customer has a default card already: save this one beside it.
      try {
        await this.db.put(put);
      } catch (again) {
        if (!(again instanceof ConditionFailedError)) throw again;
      }
    }
  }

  async remove(customerId: string, cardId: string): Promise<void> {
    await this.db.delete({ TableName: this.tableName, Key: keys.savedCard(customerId, cardId) });
  }
}
