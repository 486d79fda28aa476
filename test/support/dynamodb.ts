// One in-memory DynamoDB Local for the whole test run (vitest globalSetup), and a fresh table per
// test file.
//
// Test files reach it by `inject('dynamodbEndpoint')` (from 'vitest') or by
// `process.env.DYNAMODB_ENDPOINT`, which the forked test workers inherit, and make their own table:
//
//   const endpoint = dynamoDbEndpoint();
//   const tableName = await createTestTable(endpoint);
//
// Set TEST_DYNAMODB_ENDPOINT to reuse a DynamoDB Local that is already running (faster reruns).
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../../functions/adapters/dynamodb/document-client.js';
import type { TestProject } from 'vitest/node';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal, type DynamoDbLocal } from '../../local/dynamodb-local.js';
import { ensureTable } from '../../local/table.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's DynamoDB Local. */
    dynamodbEndpoint: string;
  }
}

let running: DynamoDbLocal | undefined;

export async function setup(project: TestProject): Promise<void> {
  let endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) {
    running = await startDynamoDbLocal();
    endpoint = running.endpoint;
  }
  project.provide('dynamodbEndpoint', endpoint);
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.AWS_REGION ??= LOCAL_REGION;
  process.env.AWS_ACCESS_KEY_ID ??= LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY ??= LOCAL_CREDENTIALS.secretAccessKey;
}

export async function teardown(): Promise<void> {
  await running?.stop();
  running = undefined;
}

/** The endpoint the globalSetup started (inside a test worker). */
export function dynamoDbEndpoint(): string {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    throw new Error('DYNAMODB_ENDPOINT is not set: is test/support/dynamodb.ts the globalSetup of this project?');
  }
  return endpoint;
}

/** A client for DynamoDB Local with the dummy credentials it accepts. The caller destroys it. */
export function dynamoDbClient(endpoint: string = dynamoDbEndpoint()): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

/** A document client for DynamoDB Local, as the repositories take it. */
export function documentClient(endpoint: string = dynamoDbEndpoint()): DynamoDBDocumentClient {
  return dynamoDocumentClient({ region: LOCAL_REGION, endpoint });
}

/** Creates the single-table design under a new unique name and returns the name. */
export async function createTestTable(endpoint: string = dynamoDbEndpoint()): Promise<string> {
  const name = `test-${randomUUID()}`;
  const client = dynamoDbClient(endpoint);
  try {
    await ensureTable(client, name);
  } finally {
    client.destroy();
  }
  return name;
}
