import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsClientOptions, callLimitsFor, SCHEDULER_CALL_LIMITS } from '../../adapters/aws/aws-client-options.js';
import { DynamoPaymentFeeRecords } from '../../adapters/dynamodb/dynamo-payment-fee-records.js';
import { EventBridgeScheduler } from '../../adapters/scheduler/eventbridge-scheduler.js';
import { config } from '../../config.js';
import { eventPublisher } from './events.js';
import { fundsReceipts, invoiceEmails } from './invoice-emails.js';
import { processorFees } from './processor-fees.js';
import { storage } from './storage.js';

/**
 * The composition root for the outbox consumer: storage, the scheduler (EventBridge Scheduler in AWS;
 * the local stand-in of its API in `npm start`), the invoice emails, the event bus, and a read-only
 * view of the card processor's fees. Carrying out an outbox item sends email, creates or deletes
 * schedules, publishes events and reads a card payment's fee (never a charge or a refund); the card
 * processor's secret is read on the first fee asked for, so a stack without card payments works too.
 */
async function build() {
  const base = await storage();
  const { region, scheduler: settings, tableName, fees } = config();
  if (!settings) throw new Error('SCHEDULE_GROUP_NAME, INVOICE_WORK_QUEUE_ARN, SCHEDULER_ROLE_ARN and SCHEDULER_DLQ_ARN must be set for the outbox consumer');
  const client = new SchedulerClient(awsClientOptions({ region, endpoint: settings.endpoint, limits: callLimitsFor(settings.endpoint, SCHEDULER_CALL_LIMITS) }));
  return {
    ...base,
    scheduler: new EventBridgeScheduler(client, settings, () => base.clock.now()),
    emails: await invoiceEmails(),
    fundsReceipts: await fundsReceipts(),
    events: eventPublisher(),
    feeRecords: new DynamoPaymentFeeRecords(base.db, tableName),
    processorFees: processorFees(),
    feePolicy: fees,
  };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next batch tries again. */
export function scheduling(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
