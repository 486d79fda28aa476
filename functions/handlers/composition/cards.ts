import { DynamoCardRepository } from '../../adapters/dynamodb/dynamo-card-repository.js';
import { config } from '../../config.js';
import { storage } from './storage.js';

/** Storage plus saved cards, for the functions that read or choose cards without calling Stripe. */
async function build() {
  const base = await storage();
  return { ...base, cards: new DynamoCardRepository(base.db, config().tableName) };
}

let built: ReturnType<typeof build> | undefined;

export function cardStorage(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
