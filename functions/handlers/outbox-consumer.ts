import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import middy from '@middy/core';
import type { AttributeValue, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { OUTBOX_ITEM_TYPE } from '../adapters/dynamodb/outbox-item.js';
import type { OutboxEffect } from '../ports/outbox.js';
import { performOutboxEffects } from '../use-cases/perform-outbox-effects.js';
import { scheduling } from './composition/scheduling.js';
import { logger } from './http/logger.js';

/** One record: an outbox item just written (the event filter lets only those through; others are skipped). */
async function recordHandler(record: DynamoDBRecord): Promise<void> {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || !image || image['type']?.S !== OUTBOX_ITEM_TYPE) return;
  const item = unmarshall(image as Record<string, AttributeValue> as never) as { id: string; effects: OutboxEffect[] };
  await performOutboxEffects(await scheduling(), item);
  logger.info('Outbox item done', { outboxId: item.id, effects: item.effects.map((e) => e.key) });
}

/**
 * The table's stream → the effects its changes called for (DESIGN.md "Outbox by stream"). Through
 * Powertools Batch, so that a record that fails is reported alone (partial batch response) and
 * retried, while the others are done; the event source mapping bisects a failing batch and sends a
 * record that keeps failing to a dead-letter queue.
 */
export const handler = middy<DynamoDBStreamEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  // The processor is made in the invocation: it keeps the batch's state in the invocation's scope,
  // which exists only there when invocations share an environment (AWS_LAMBDA_MAX_CONCURRENCY).
  .handler(async (event, context) => processPartialResponse(event, recordHandler, new BatchProcessor(EventType.DynamoDBStreams), { context }));
