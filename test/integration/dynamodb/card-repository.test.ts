import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoCardRepository } from '../../../functions/adapters/dynamodb/dynamo-card-repository.js';
import { DynamoCustomerRepository } from '../../../functions/adapters/dynamodb/dynamo-customer-repository.js';
import { dynamoDocumentClient } from '../../../functions/adapters/dynamodb/document-client.js';
import { newCustomer } from '../../../functions/domain/customer.js';
import { currency } from '../../../functions/domain/money.js';
import type { SavedCard } from '../../../functions/domain/saved-card.js';
import { createTestTable, dynamoDbEndpoint } from '../../support/dynamodb.js';

describe('DynamoCardRepository against DynamoDB Local', () => {
  let customers: DynamoCustomerRepository;
  let cards: DynamoCardRepository;
  const at = new Date('2026-11-01T00:00:00Z');
  const card = (id: string): SavedCard => ({ id, customerId: 'cus_cards', brand: 'visa', last4: id.slice(-4), expMonth: 1, expYear: 2031, addedAt: at.toISOString() });

  beforeAll(async () => {
    const table = await createTestTable();
    const db = dynamoDocumentClient({ region: 'us-east-1', endpoint: dynamoDbEndpoint() });
    customers = new DynamoCustomerRepository(db, table);
    cards = new DynamoCardRepository(db, table);
    await customers.create(newCustomer({ id: 'cus_cards', email: 'cards@example.com', name: 'Cards', currency: currency('USD'), userSub: 'sub-cards', createdAt: at }));
  });

  it('makes the first card the default in the same write, and keeps later cards beside it', async () => {
    await cards.add(card('pm_first_1111'));
    expect((await customers.get('cus_cards'))?.defaultCardId).toBe('pm_first_1111');

    await cards.add(card('pm_second_2222'));
    expect((await customers.get('cus_cards'))?.defaultCardId).toBe('pm_first_1111');
    expect((await cards.list('cus_cards')).map((c) => c.id)).toEqual(['pm_first_1111', 'pm_second_2222']);
  });

  it('adds the same card once however often it is saved, and finds it by its id alone', async () => {
    await cards.add(card('pm_again_3333'));
    await cards.add(card('pm_again_3333'));
    expect((await cards.list('cus_cards')).filter((c) => c.id === 'pm_again_3333')).toHaveLength(1);
    expect(await cards.findById('pm_again_3333')).toMatchObject({ customerId: 'cus_cards', last4: '3333' });
  });
});
