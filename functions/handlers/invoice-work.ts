import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { chargeDueInvoice } from '../use-cases/charge-due-invoice.js';
import { remindInvoice } from '../use-cases/remind-invoice.js';
import { automation } from './composition/automation.js';
import { logger } from './http/logger.js';

const processor = new BatchProcessor(EventType.SQS);

/** What a schedule puts on the queue (functions/ports/scheduler.ts ScheduledWork). */
const scheduledWork = z.strictObject({
  invoiceId: z.string().min(1).max(64),
  action: z.enum(['remind', 'charge']),
  step: z.number().int().min(0).max(20),
});

async function recordHandler(record: SQSRecord): Promise<void> {
  const work = scheduledWork.parse(JSON.parse(record.body));
  const deps = await automation();
  const outcome = work.action === 'remind'
    ? await remindInvoice(deps, { invoiceId: work.invoiceId })
    : await chargeDueInvoice(deps, { invoiceId: work.invoiceId, step: work.step });
  logger.info('Invoice work done', { ...work, outcome });
}

/**
 * The invoice-work queue: each schedule's message (a reminder, the due-date charge, a retry) runs its
 * use case, which re-checks the invoice, so a message delivered twice, late, or after the invoice was
 * paid does nothing more (R2). Through Powertools Batch with partial batch responses: a message that
 * fails (a passing fault at the processor) is delivered again; the queue's maximum concurrency keeps
 * a burst of due invoices under the processor's rate limit.
 */
export const handler = middy<SQSEvent>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event, context) => processPartialResponse(event, recordHandler, processor, { context }));
