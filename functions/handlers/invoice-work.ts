import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { chargeDueInvoice } from '../use-cases/charge-due-invoice.js';
import { remindInvoice } from '../use-cases/remind-invoice.js';
import { automation } from './composition/automation.js';
import { logger } from './http/logger.js';

/** What a schedule puts on the queue (functions/ports/scheduler.ts ScheduledWork). */
const scheduledWork = z.strictObject({
  invoiceId: z.string().min(1).max(64),
  action: z.enum(['remind', 'charge']),
  step: z.number().int().min(0).max(20),
});

async function recordHandler(record: SQSRecord): Promise<void> {
  const work = scheduledWork.parse(JSON.parse(record.body));
  const deps = await automation();
  try {
    const outcome = work.action === 'remind'
      ? await remindInvoice(deps, { invoiceId: work.invoiceId })
      : await chargeDueInvoice(deps, { invoiceId: work.invoiceId, step: work.step });
    logger.info('Invoice work done', { ...work, outcome });
  } catch (error) {
    // Not lost: the message fails alone and the queue delivers it again (its DLQ after too many).
    logger.warn('Invoice work failed; it will be delivered again', { ...work, receiveCount: record.attributes.ApproximateReceiveCount, error });
    throw error;
  }
}

/**
 * The invoice-work queue: each schedule's message (a reminder, the due-date charge, a retry) runs its
 * use case, which re-checks the invoice, so a message delivered twice, late, or after the invoice was
 * paid does nothing more (R2). Through Powertools Batch with partial batch responses: a message that
 * fails (a passing fault at the processor, or another payment of the invoice in progress) is delivered
 * again; the queue's maximum concurrency keeps a burst of due invoices under the processor's rate limit.
 */
export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  // The processor is made in the invocation: it keeps the batch's state in the invocation's scope,
  // which exists only there when invocations share an environment (AWS_LAMBDA_MAX_CONCURRENCY; the
  // local system). A batch whose every message failed is answered, not thrown: a charge that met
  // another payment in progress, or Stripe's rate limit, is not a function error to alarm on or to
  // scale down for.
  .handler(async (event, context) => processPartialResponse(event, recordHandler, new BatchProcessor(EventType.SQS), { context, throwOnFullBatchFailure: false }));
