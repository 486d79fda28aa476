import { DynamoAccountImports } from '../../adapters/dynamodb/dynamo-account-imports.js';
import { config } from '../../config.js';
import { storage } from './storage.js';

/** The import's storage, on the shared DynamoDB client. */
export async function accountImports() {
  const built = await storage();
  return { ...built, imports: new DynamoAccountImports(built.db, config().tableName) };
}
