import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsClientOptions, callLimitsFor, SCHEDULER_CALL_LIMITS } from '../../adapters/aws/aws-client-options.js';
import { EventBridgeScheduler } from '../../adapters/scheduler/eventbridge-scheduler.js';
import { config } from '../../config.js';
import { eventPublisher } from './events.js';
import { invoiceEmails } from './invoice-emails.js';
import { storage } from './storage.js';

/**
 * The composition root for the outbox consumer: storage, the scheduler (EventBridge Scheduler in AWS;
 * the local stand-in of its API in `npm start`), the invoice emails and the event bus. No payment
 * processor: carrying out an outbox item only sends email, creates or deletes schedules and publishes
 * events, so the function neither needs nor is given the processors' secrets, and works in a stack
 * without card payments.
 */
async function build() {
  const base = await storage();
  const { region, scheduler: settings } = config();
  if (!settings) throw new Error('SCHEDULE_GROUP_NAME, INVOICE_WORK_QUEUE_ARN, SCHEDULER_ROLE_ARN and SCHEDULER_DLQ_ARN must be set for the outbox consumer');
  const client = new SchedulerClient(awsClientOptions({ region, endpoint: settings.endpoint, limits: callLimitsFor(settings.endpoint, SCHEDULER_CALL_LIMITS) }));
  return {
    ...base,
    scheduler: new EventBridgeScheduler(client, settings, () => base.clock.now()),
    emails: await invoiceEmails(),
    events: eventPublisher(),
  };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next batch tries again. */
export function scheduling(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
