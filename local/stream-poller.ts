import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describeFailure } from './batch-failure.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local.js';

/** The stream consumer, called as Lambda's event source mapping calls it (ReportBatchItemFailures). */
export type StreamConsumer = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

export interface StreamPoller {
  /** Reads the stream to its end now, handing every record that passes the filter to the consumer. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** As the event source mapping is configured in lib/ (automation): batches of 100, 5 retries of a failing record, then its DLQ. */
const BATCH_SIZE = 100;
const MAX_RETRIES = 5;

/**
 * The local stand-in for a Lambda event source mapping on the table's stream: it reads DynamoDB
 * Local's stream through the real DynamoDB Streams API (DescribeStream, GetShardIterator, GetRecords),
 * keeps only the records `filter` accepts (the mapping's event filter), and hands them to the same
 * handler module Lambda runs, as a DynamoDB stream event. As Lambda does with partial batch
 * responses, it goes on after the records that succeeded and delivers the first failed one again
 * (and everything after it); a record that fails `MAX_RETRIES` times is logged and skipped (in AWS it
 * goes to the dead-letter queue). Its place in each shard is kept in `stateFile`, so a restart neither
 * loses nor repeats work; a record delivered twice anyway is harmless, since the consumer is idempotent.
 */
export async function startStreamPoller(options: {
  endpoint: string;
  tableName: string;
  consumer: StreamConsumer;
  filter: (record: DynamoDBRecord) => boolean;
  stateFile?: string;
  intervalMs?: number;
  log?: (line: string) => void;
}): Promise<StreamPoller> {
  const clientOptions = { endpoint: options.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const tables = new DynamoDBClient(clientOptions);
  const streams = new DynamoDBStreamsClient(clientOptions);
  const table = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
  tables.destroy();
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream: the outbox needs one (local/table.ts enables it).`);

  /** Per shard: the last sequence number done, or 'closed' once the shard was read to its end. */
  const positions: Record<string, string> = readState(options.stateFile, streamArn);
  const iterators = new Map<string, string>();
  const failures = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> | undefined;

  const save = () => {
    if (options.stateFile) writeFileSync(options.stateFile, JSON.stringify({ streamArn, positions }));
  };

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const known = iterators.get(shardId);
    if (known) return known;
    const after = positions[shardId];
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({
      StreamArn: streamArn, ShardId: shardId,
      ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
    }));
    return ShardIterator;
  };

  /** Reads one shard as far as it goes now. */
  const readShard = async (shard: Shard): Promise<void> => {
    const shardId = shard.ShardId!;
    for (;;) {
      let iterator = await iteratorFor(shardId);
      if (!iterator) return;
      let page;
      try {
        page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: BATCH_SIZE }));
      } catch (error) {
        if (!(error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException)) throw error;
        iterators.delete(shardId);
        if (error instanceof TrimmedDataAccessException) delete positions[shardId];
        continue;
      }
      const records = page.Records ?? [];
      const delivered = await deliver(records.filter((record) => options.filter(toLambdaRecord(record, streamArn))));
      if (delivered.failedAt !== undefined) {
        // Start again at the failed record on the next pass, as Lambda does with a partial batch response.
        iterators.delete(shardId);
        const before = records.findIndex((record) => record.dynamodb?.SequenceNumber === delivered.failedAt);
        const done = before > 0 ? records[before - 1]!.dynamodb!.SequenceNumber! : positions[shardId];
        if (done) positions[shardId] = done; else delete positions[shardId];
        save();
        return;
      }
      const last = records.at(-1)?.dynamodb?.SequenceNumber;
      if (last) positions[shardId] = last;
      iterator = page.NextShardIterator;
      if (!iterator) {
        positions[shardId] = 'closed';
        iterators.delete(shardId);
        save();
        return;
      }
      iterators.set(shardId, iterator);
      save();
      if (records.length === 0) return;
    }
  };

  /** Hands records to the consumer; returns the sequence number of the first that failed, if one did. */
  const deliver = async (records: StreamRecord[]): Promise<{ failedAt?: string }> => {
    if (records.length === 0) return {};
    const event: DynamoDBStreamEvent = { Records: records.map((record) => toLambdaRecord(record, streamArn)) };
    let failedIds: string[];
    try {
      const response = await options.consumer(event);
      failedIds = (response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier);
    } catch (error) {
      options.log?.(`local stream: the consumer failed the whole batch: ${describeFailure(error)}`);
      failedIds = [records[0]!.dynamodb!.SequenceNumber!];
    }
    const first = records.find((record) => failedIds.includes(record.dynamodb!.SequenceNumber!));
    if (!first) return {};
    const sequence = first.dynamodb!.SequenceNumber!;
    const tries = (failures.get(sequence) ?? 0) + 1;
    if (tries <= MAX_RETRIES) {
      failures.set(sequence, tries);
      return { failedAt: sequence };
    }
    failures.delete(sequence);
    options.log?.(`local stream: record ${sequence} failed ${MAX_RETRIES + 1} times and is skipped (in AWS: sent to the dead-letter queue)`);
    // Deliver what came after it again, without it.
    return deliver(records.slice(records.indexOf(first) + 1));
  };

  const pass = async (): Promise<void> => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shards = StreamDescription?.Shards ?? [];
    const done = (id: string | undefined) => !id || positions[id] === 'closed' || !shards.some((s) => s.ShardId === id);
    // A child shard is read once its parent is read to its end, so records stay in order per item.
    for (const shard of shards) {
      if (stopped) return;
      if (positions[shard.ShardId!] === 'closed' || !done(shard.ParentShardId)) continue;
      await readShard(shard);
    }
  };

  const drain = async (): Promise<void> => {
    while (running) await running.catch(() => undefined);
    running = pass();
    try {
      await running;
    } finally {
      running = undefined;
    }
  };

  const timer = setInterval(() => {
    if (!running) void drain().catch((error: unknown) => options.log?.(`local stream: ${String(error)}`));
  }, options.intervalMs ?? 250);

  return {
    drain,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
      streams.destroy();
    },
  };
}

function readState(file: string | undefined, streamArn: string): Record<string, string> {
  if (!file || !existsSync(file)) return {};
  const state = JSON.parse(readFileSync(file, 'utf8')) as { streamArn?: string; positions?: Record<string, string> };
  // A new table (its data was reset) has a new stream: the old positions mean nothing there.
  return state.streamArn === streamArn ? state.positions ?? {} : {};
}

/** A Streams API record in the shape Lambda gives a handler (the same fields; binary values as base64). */
function toLambdaRecord(record: StreamRecord, streamArn: string): DynamoDBRecord {
  const data = record.dynamodb ?? {};
  return {
    eventID: record.eventID!,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion ?? LOCAL_REGION,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(data.Keys ? { Keys: toLambdaImage(data.Keys) } : {}),
      ...(data.NewImage ? { NewImage: toLambdaImage(data.NewImage) } : {}),
      ...(data.OldImage ? { OldImage: toLambdaImage(data.OldImage) } : {}),
      SequenceNumber: data.SequenceNumber!,
      SizeBytes: data.SizeBytes ?? 0,
      StreamViewType: data.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
      ...(data.ApproximateCreationDateTime ? { ApproximateCreationDateTime: data.ApproximateCreationDateTime.getTime() / 1000 } : {}),
    },
  };
}

function toLambdaImage(image: Record<string, unknown>): Record<string, never> {
  // JSON turns the SDK's Uint8Array binary values into base64 as Lambda's event would carry them.
  return JSON.parse(JSON.stringify(image, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value)));
}
