/**
 * One-off, after upgrading to the release that lists every service on GSI3 (`SERVICES`), which the
 * staff dashboard's recurring revenue reads: gives the service items written before it the index keys
 * a service now gets on every write (functions/adapters/dynamodb/service-item.ts `allServicesIndex`).
 *
 * Idempotent and safe beside live traffic: it scans for service items without `GSI3PK`, and sets the
 * keys with one UpdateItem each on condition the item still exists and still has none, so a run
 * twice, two runs at once, or a service saved meanwhile (which writes the keys itself) changes
 * nothing twice. Nothing else of the item is touched, and its `version` is left alone.
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx scripts/backfill-service-index.ts
 *   (locally add DYNAMODB_ENDPOINT=http://127.0.0.1:<port>)
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { pathToFileURL } from 'node:url';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { allServicesIndex } from '../functions/adapters/dynamodb/service-item.js';

/** Scan segments read side by side: enough to use the table's throughput, few enough to stay polite. */
const SEGMENTS = 4;

/** What one run did: service items found without the keys, given them, or found done by someone else. */
export interface BackfillResult {
  readonly found: number;
  readonly updated: number;
  readonly alreadyDone: number;
}

export async function backfillServiceIndex(db: DynamoDBDocumentClient, tableName: string): Promise<BackfillResult> {
  const results = await Promise.all(Array.from({ length: SEGMENTS }, (_, segment) => backfillSegment(db, tableName, segment)));
  return results.reduce((a, b) => ({ found: a.found + b.found, updated: a.updated + b.updated, alreadyDone: a.alreadyDone + b.alreadyDone }));
}

async function backfillSegment(db: DynamoDBDocumentClient, tableName: string, segment: number): Promise<BackfillResult> {
  let found = 0;
  let updated = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({
      TableName: tableName, Segment: segment, TotalSegments: SEGMENTS, ExclusiveStartKey: startKey,
      FilterExpression: '#type = :service AND attribute_not_exists(GSI3PK)',
      ProjectionExpression: 'PK, SK, id, createdAt',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':service': 'service' },
    }));
    for (const item of page.Items ?? []) {
      found += 1;
      const index = allServicesIndex({ id: item['id'] as string, createdAt: item['createdAt'] as string });
      try {
        await db.send(new UpdateCommand({
          TableName: tableName,
          Key: { PK: item['PK'], SK: item['SK'] },
          UpdateExpression: 'SET GSI3PK = :pk, GSI3SK = :sk',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI3PK)',
          ExpressionAttributeValues: { ':pk': index.GSI3PK, ':sk': index.GSI3SK },
        }));
        updated += 1;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { found, updated, alreadyDone: found - updated };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tableName = process.env['TABLE_NAME'];
  const region = process.env['AWS_REGION'];
  if (!tableName || !region) {
    console.error('Set TABLE_NAME and AWS_REGION (and DYNAMODB_ENDPOINT for DynamoDB Local).');
    process.exit(1);
  }
  const result = await backfillServiceIndex(dynamoDocumentClient({ region, endpoint: process.env['DYNAMODB_ENDPOINT'] }), tableName);
  console.log(`Services without the SERVICES index keys: ${result.found}; given them: ${result.updated}; done meanwhile by another writer: ${result.alreadyDone}.`);
}
