import { type AddressInfo, type Socket, createServer } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DYNAMODB_CALL_LIMITS, DYNAMODB_WORST_CASE_CALL_MS, awsClientOptions,
} from '../../../functions/adapters/aws/aws-client-options.js';

/**
 * A service that accepts connections and never answers, as a hung endpoint would: the functions'
 * DynamoDB client must give up within its stated worst case, long before a function's timeout, after
 * trying the stated number of times.
 */
describe('The AWS call limits against an endpoint that never answers', () => {
  const sockets: Socket[] = [];
  const server = createServer((socket) => { sockets.push(socket); });
  let endpoint = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fails a DynamoDB call with a timeout after 3 attempts of 2 s, within the 9 s worst case', async () => {
    const client = new DynamoDBClient(awsClientOptions({ region: 'eu-west-1', endpoint, limits: DYNAMODB_CALL_LIMITS }));
    const started = Date.now();

    const error = await client.send(new GetItemCommand({ TableName: 'billing', Key: { PK: { S: 'x' }, SK: { S: 'y' } } }))
      .then(() => new Error('answered'), (e: unknown) => e as Error);
    const elapsed = Date.now() - started;
    client.destroy();

    expect(error.name).toBe('TimeoutError');
    expect(sockets).toHaveLength(DYNAMODB_CALL_LIMITS.maxAttempts);
    expect(elapsed).toBeGreaterThanOrEqual(DYNAMODB_CALL_LIMITS.maxAttempts * DYNAMODB_CALL_LIMITS.requestTimeoutMs - 50);
    expect(elapsed).toBeLessThanOrEqual(DYNAMODB_WORST_CASE_CALL_MS);
    expect(DYNAMODB_WORST_CASE_CALL_MS).toBe(9_000);
  }, 15_000);
});
