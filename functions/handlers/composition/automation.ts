import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsClientOptions, callLimitsFor, SCHEDULER_CALL_LIMITS } from '../../adapters/aws/aws-client-options.js';
import { EventBridgeScheduler } from '../../adapters/scheduler/eventbridge-scheduler.js';
import { StripeCardPayments } from '../../adapters/stripe/stripe-card-payments.js';
import { config } from '../../config.js';
import type { InvoiceEmails } from '../../ports/outbox.js';
import { eventPublisher } from './events.js';
import { INVOICE_WORK_RATE_LIMIT_BACKOFF } from '../invoice-work-limits.js';
import { invoiceEmails } from './invoice-emails.js';
import { payments } from './payments.js';

/**
 * The composition root of the invoice work (reminders, the due-date charge and its retries): the
 * payments (composition/payments.ts: whichever providers are configured; without a card processor the
 * card step refuses and the invoice stays open, as with automatic billing off), the scheduler
 * (EventBridge Scheduler in AWS; the local stand-in of its API in `npm start`), the invoice emails,
 * and the event bus (EventBridge in AWS; locally only the record of events published).
 * Nobody waits for a due-date charge, so it waits out Stripe's rate limit in place
 * (invoice-work-limits.ts) instead of failing at the first 429.
 */
async function build() {
  const base = await payments();
  const { region, scheduler: settings } = config();
  if (!settings) throw new Error('SCHEDULE_GROUP_NAME, INVOICE_WORK_QUEUE_ARN, SCHEDULER_ROLE_ARN and SCHEDULER_DLQ_ARN must be set for the automatic work');
  const client = new SchedulerClient(awsClientOptions({ region, endpoint: settings.endpoint, limits: callLimitsFor(settings.endpoint, SCHEDULER_CALL_LIMITS) }));
  const emails: InvoiceEmails = await invoiceEmails();
  return {
    ...base,
    savedMethods: base.stripeClients ? new StripeCardPayments(base.stripeClients, INVOICE_WORK_RATE_LIMIT_BACKOFF) : base.savedMethods,
    scheduler: new EventBridgeScheduler(client, settings, () => base.clock.now()),
    emails,
    events: eventPublisher(),
  };
}

let built: ReturnType<typeof build> | undefined;

/** Built once per cold start; a failed build is forgotten so that the next request tries again. */
export function automation(): ReturnType<typeof build> {
  built ??= build();
  built.catch(() => { built = undefined; });
  return built;
}
