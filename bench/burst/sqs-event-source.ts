/**
 * A stand-in for Lambda's SQS event source mapping on a standard queue, to drive the real invoice-work
 * handler as AWS would during a burst (docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html):
 * five batches at once when messages arrive, 300 more concurrent invocations a minute while messages
 * remain, never more than `maxConcurrency`; each invocation gets up to `batchSize` visible messages;
 * a message reported in `batchItemFailures` (or every message of an invocation that threw) becomes
 * visible again after the visibility timeout, and is deleted otherwise.
 *
 * Not modelled: the time between one invocation's end and the next one's start (the poller's receive;
 * tens of milliseconds in AWS, nothing here), and the queue's own latency.
 */
import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

export interface EventSourceSettings {
  readonly maxConcurrency: number;
  readonly batchSize: number;
  readonly visibilityTimeoutMs: number;
  /** Concurrent invocations when messages first arrive (AWS: 5), and how many more a minute (AWS: 300). */
  readonly initialConcurrency?: number;
  readonly rampPerMinute?: number;
  /** Told every minute how many messages are done, for a long run's progress. */
  readonly progress?: (done: number, total: number) => void;
}

/** What the queue and the function did, for the cost model and the report. */
export interface QueueStats {
  readonly messages: number;
  readonly invocations: number;
  /** Messages handed to the function, redeliveries included. */
  readonly deliveries: number;
  readonly redeliveries: number;
  /** ReceiveMessage calls (one per batch of up to 10) and DeleteMessageBatch calls (one per invocation with a success). */
  readonly receiveCalls: number;
  readonly deleteCalls: number;
  readonly invocationMs: readonly number[];
  /** From the first message's arrival to the last one's deletion. */
  readonly elapsedMs: number;
  /** When each message was deleted, in ms after the start (for the rate over time). */
  readonly doneAtMs: readonly number[];
}

interface Message {
  readonly id: string;
  readonly body: string;
  receives: number;
  visibleAt: number;
}

type Handler = (event: SQSEvent) => Promise<SQSBatchResponse>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts `bodies` on the queue at once and runs the consumer until every message is deleted. */
export async function drainQueue(bodies: readonly string[], handler: Handler, settings: EventSourceSettings): Promise<QueueStats> {
  const queue: Message[] = bodies.map((body) => ({ id: randomUUID(), body, receives: 0, visibleAt: 0 }));
  const waiting: Message[] = [];
  const invocationMs: number[] = [];
  const doneAtMs: number[] = [];
  let remaining = queue.length;
  let invocations = 0;
  let deliveries = 0;
  let redeliveries = 0;
  let receiveCalls = 0;
  let deleteCalls = 0;
  const start = performance.now();
  const initial = settings.initialConcurrency ?? 5;
  const perMinute = settings.rampPerMinute ?? 300;
  const allowed = () => Math.min(settings.maxConcurrency, initial + Math.floor(((performance.now() - start) / 60_000) * perMinute));

  const take = (): Message[] => {
    const now = performance.now();
    for (let i = waiting.length - 1; i >= 0; i--) {
      if (waiting[i]!.visibleAt <= now) queue.push(...waiting.splice(i, 1));
    }
    return queue.splice(0, settings.batchSize);
  };

  const worker = async (slot: number) => {
    while (remaining > 0) {
      if (slot >= allowed()) {
        await sleep(50);
        continue;
      }
      const batch = take();
      if (batch.length === 0) {
        await sleep(50);
        continue;
      }
      receiveCalls += Math.ceil(batch.length / 10);
      deliveries += batch.length;
      for (const message of batch) if (message.receives++ > 0) redeliveries++;
      invocations++;
      const started = performance.now();
      let failed: Set<string>;
      try {
        const response = await handler({ Records: batch.map(recordOf) });
        failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      } catch {
        failed = new Set(batch.map((m) => m.id));
      }
      const ended = performance.now();
      invocationMs.push(ended - started);
      if (batch.some((m) => !failed.has(m.id))) deleteCalls++;
      for (const message of batch) {
        if (failed.has(message.id)) {
          message.visibleAt = ended + settings.visibilityTimeoutMs;
          waiting.push(message);
        } else {
          remaining--;
          doneAtMs.push(ended - start);
        }
      }
    }
  };
  const ticker = settings.progress && setInterval(() => settings.progress!(doneAtMs.length, bodies.length), 60_000);
  try {
    await Promise.all(Array.from({ length: settings.maxConcurrency }, (_, slot) => worker(slot)));
  } finally {
    if (ticker) clearInterval(ticker);
  }
  return {
    messages: bodies.length, invocations, deliveries, redeliveries, receiveCalls, deleteCalls, invocationMs,
    elapsedMs: performance.now() - start, doneAtMs,
  };
}

function recordOf(message: Message): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: message.id, receiptHandle: `${message.id}-${message.receives}`, body: message.body, md5OfBody: '', eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:invoice-work', awsRegion: 'us-east-1', messageAttributes: {},
    attributes: { ApproximateReceiveCount: String(message.receives), SentTimestamp: now, SenderId: 'scheduler', ApproximateFirstReceiveTimestamp: now },
  };
}
