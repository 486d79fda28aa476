/**
 * One-off, after upgrading to the release that counts income per calendar day (IncomeTally, the
 * `tally` outbox effect), which the staff dashboard's income reads: counts every payment recorded
 * before it into the days of BILLING_TIME_ZONE. Run it again after changing BILLING_TIME_ZONE: the
 * counts are kept per time zone, and the new zone's days start empty.
 *
 * Idempotent and safe beside live traffic: each payment is counted through the same claim the outbox
 * consumer uses (one claim per payment and time zone, put in the same transaction as the day's `ADD`),
 * so a payment the consumer counted, or a run twice, or two runs at once, adds nothing twice. It reads
 * every payment once (GSI3 `PAYMENTS`, page by page), never the whole table.
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> BILLING_TIME_ZONE=<zone> npx tsx scripts/backfill-income-tally.ts
 *   (locally add DYNAMODB_ENDPOINT=http://127.0.0.1:<port>)
 */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { pathToFileURL } from 'node:url';
import { DynamoIncomeTally } from '../functions/adapters/dynamodb/dynamo-income-tally.js';
import { paymentFromItem } from '../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import { allCustomers, indexes } from '../functions/adapters/dynamodb/keys.js';
import { dynamoDocumentClient } from '../functions/adapters/dynamodb/document-client.js';
import { isIncome } from '../functions/use-cases/figures/income-by-month.js';
import { tallyIncome } from '../functions/use-cases/tally-income.js';

/** Payments counted side by side: enough to use the table's throughput, few enough to stay polite. */
const IN_FLIGHT = 16;

/** What one run did: payments read, counted now, already counted (by the consumer or a run before). */
export interface IncomeBackfillResult {
  readonly read: number;
  readonly added: number;
  readonly alreadyAdded: number;
}

export async function backfillIncomeTally(db: DynamoDBDocumentClient, tableName: string, timeZone: string): Promise<IncomeBackfillResult> {
  const deps = { incomeTally: new DynamoIncomeTally(db, tableName), schedulePolicy: { timeZone } };
  let read = 0;
  let added = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({
      TableName: tableName, IndexName: indexes.lookup.name, ExclusiveStartKey: startKey,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': indexes.lookup.pk },
      ExpressionAttributeValues: { ':pk': allCustomers.payments },
    }));
    const income = (page.Items ?? []).map(paymentFromItem).filter(isIncome);
    read += page.Items?.length ?? 0;
    for (let i = 0; i < income.length; i += IN_FLIGHT) {
      const results = await Promise.all(income.slice(i, i + IN_FLIGHT).map((payment) => tallyIncome(deps, payment)));
      added += results.filter((r) => r === 'added').length;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { read, added, alreadyAdded: read - added };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const tableName = process.env['TABLE_NAME'];
  const region = process.env['AWS_REGION'];
  const timeZone = process.env['BILLING_TIME_ZONE'] ?? 'UTC';
  if (!tableName || !region) {
    console.error('Set TABLE_NAME, AWS_REGION and BILLING_TIME_ZONE (and DYNAMODB_ENDPOINT for DynamoDB Local).');
    process.exit(1);
  }
  const result = await backfillIncomeTally(dynamoDocumentClient({ region, endpoint: process.env['DYNAMODB_ENDPOINT'] }), tableName, timeZone);
  console.log(`Payments read: ${result.read}; counted into ${timeZone}'s days now: ${result.added}; already counted, or paid from credit: ${result.alreadyAdded}.`);
}
