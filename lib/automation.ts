import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { pdfBundleFiles } from '../functions/adapters/pdf/bundle-files.js';
import { OUTBOX_ITEM_TYPE } from '../functions/adapters/dynamodb/outbox-item.js';
import {
  INVOICE_WORK_BATCH_SIZE, INVOICE_WORK_MAX_CONCURRENCY, INVOICE_WORK_TIMEOUT_SECONDS,
} from '../functions/handlers/invoice-work-limits.js';
import { type NeedSources, bindNeeds } from './api.js';
import { BillingFunction } from './billing-function.js';
import type { BillingTable } from './data.js';
import type { BillingEmail } from './email.js';
import { BillingEventBus } from './billing-events.js';
import type { BillingRules } from './billing-settings.js';
import { InvoiceScheduling } from './invoice-scheduling.js';
import { ServiceBilling } from './service-billing.js';

const handlersDir = fileURLToPath(new URL('../functions/handlers/', import.meta.url));

/**
 * The outbox consumer's budget for one batch of OUTBOX_BATCH_SIZE items, handled side by side by
 * Powertools Batch: the issue email renders the invoice PDF (fonts read on a cold start) and sends it
 * through SES (18 s at worst with SES_CALL_LIMITS' retries), around a few DynamoDB calls.
 */
const OUTBOX_TIMEOUT = Duration.seconds(60);
const OUTBOX_BATCH_SIZE = 10;
/**
 * A batch that keeps failing is split in two until the failing item is alone; an item still failing
 * after this many retries, or older than OUTBOX_MAX_RECORD_AGE, is described (shard and sequence
 * numbers) on the outbox dead-letter queue. The outbox item itself stays in the table for 14 days.
 */
const OUTBOX_RETRY_ATTEMPTS = 10;
const OUTBOX_MAX_RECORD_AGE = Duration.days(1);

export interface AutomationProps {
  readonly table: BillingTable;
  readonly email: BillingEmail;
  /** What every function reads (the seller, the billing rules). */
  readonly environment: Readonly<Record<string, string>>;
  /** The payment providers' secrets, for the due-date charge (and Stripe's for reading card fees). */
  readonly needs: NeedSources;
  /** The hour and time zone of the daily service billing. @default the functions' defaults */
  readonly billingRules?: Pick<BillingRules, 'billingHour' | 'billingTimeZone'>;
  /** @default false */
  readonly tracing?: boolean;
}

/**
 * Due-date automation (DESIGN.md "Outbox by stream", "Due dates"):
 *
 * - the outbox consumer reads the table's stream, filtered to new outbox items, and carries out what
 *   they call for: it sends the emails and creates or deletes the invoices' schedules, so it alone may
 *   touch schedules and pass the scheduler role;
 * - EventBridge Scheduler puts each schedule's message on the invoice-work queue (InvoiceScheduling);
 * - the invoice-work function takes one message at a time, at most INVOICE_WORK_MAX_CONCURRENCY at
 *   once, so a burst of due charges stays under the processor's rate limit. It sends reminders
 *   itself and charges cards; what a charge causes (a receipt, a retry) it writes to the outbox;
 * - once a day the service billing (ServiceBilling) issues services' invoices and notes overdue ones;
 * - the outbox consumer alone puts billing events on the event bus (BillingEventBus): the others
 *   write them to the outbox.
 */
export class Automation extends Construct {
  readonly scheduling: InvoiceScheduling;
  readonly outboxConsumer: BillingFunction;
  /** Stream batches the outbox consumer gave up on. */
  readonly outboxDeadLetterQueue: Queue;
  readonly invoiceWork: BillingFunction;
  readonly serviceBilling: ServiceBilling;
  readonly events: BillingEventBus;

  constructor(scope: Construct, id: string, props: AutomationProps) {
    super(scope, id);
    const tracing = props.tracing === undefined ? {} : { tracing: props.tracing };
    this.scheduling = new InvoiceScheduling(this, 'Scheduling');
    this.events = new BillingEventBus(this, 'Events');

    this.outboxConsumer = new BillingFunction(this, 'OutboxConsumer', {
      entry: `${handlersDir}outbox-consumer.ts`,
      description: 'Outbox items: billing emails, invoice schedules, events and card fees',
      environment: props.environment,
      timeout: OUTBOX_TIMEOUT,
      // The issue email carries the invoice PDF, rendered with the fonts the PDF routes have.
      files: pdfBundleFiles(),
      ...tracing,
    });
    // Reads invoices and customers; writes the sent-email claims that make each email go once, and
    // the income counted per day with its per-payment claims (tally-income.ts).
    this.outboxConsumer.bindTable(props.table, 'write');
    this.scheduling.grantManageSchedules(this.outboxConsumer);
    props.email.grantSend(this.outboxConsumer);
    this.events.grantPublish(this.outboxConsumer);
    // Reads a card payment's fee from Stripe once it is recorded (record-processor-fee.ts): read
    // access to the Stripe secret alone, no PayPal or BTCPay secret.
    bindNeeds(this.outboxConsumer, ['stripeSecret'], props.needs);
    this.outboxDeadLetterQueue = new Queue(this, 'OutboxDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14),
    });
    Validations.of(this.outboxDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'It is a dead-letter queue: the on-failure destination of the outbox stream mapping, which cdk-nag does not recognise as one.',
    });
    this.outboxConsumer.function.addEventSource(new DynamoEventSource(props.table.table, {
      // From the oldest record kept: outbox items written before the mapping existed are sent too.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: OUTBOX_BATCH_SIZE,
      bisectBatchOnError: true,
      retryAttempts: OUTBOX_RETRY_ATTEMPTS,
      maxRecordAge: OUTBOX_MAX_RECORD_AGE,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(this.outboxDeadLetterQueue),
      // Only new outbox items (functions/adapters/dynamodb/outbox-item.ts); the handler checks again.
      filters: [FilterCriteria.filter({
        eventName: FilterRule.isEqual('INSERT'),
        dynamodb: { NewImage: { type: { S: FilterRule.isEqual(OUTBOX_ITEM_TYPE) } } },
      })],
    }));

    this.invoiceWork = new BillingFunction(this, 'InvoiceWork', {
      entry: `${handlersDir}invoice-work.ts`,
      description: 'Invoice schedules: reminders, due-date charges and their retries',
      environment: props.environment,
      timeout: Duration.seconds(INVOICE_WORK_TIMEOUT_SECONDS),
      ...tracing,
    });
    // The charge takes a charge attempt and records the payment and its outcome, as "Pay" does.
    this.invoiceWork.bindTable(props.table, 'write');
    // A charge closes a checkout left open at any provider first (as pay-invoice does).
    bindNeeds(this.invoiceWork, ['stripeSecret', 'paypalSecret', 'btcpaySecret'], props.needs);
    props.email.grantSend(this.invoiceWork);
    // Its composition builds the scheduler adapter; a retry is scheduled through the outbox.
    this.scheduling.bindTarget(this.invoiceWork);
    this.events.bindName(this.invoiceWork);
    this.invoiceWork.function.addEventSource(new SqsEventSource(this.scheduling.queue, {
      batchSize: INVOICE_WORK_BATCH_SIZE,
      maxConcurrency: INVOICE_WORK_MAX_CONCURRENCY,
      reportBatchItemFailures: true,
    }));

    this.serviceBilling = new ServiceBilling(this, 'ServiceBilling', {
      table: props.table,
      environment: props.environment,
      ...(props.billingRules?.billingHour === undefined ? {} : { billingHour: props.billingRules.billingHour }),
      ...(props.billingRules?.billingTimeZone === undefined ? {} : { timeZone: props.billingRules.billingTimeZone }),
      ...tracing,
    });
    // Its composition (functions/handlers/composition/service-billing.ts) is storage alone: it issues
    // invoices and notes overdue ones by writing outbox items, so it gets no processor's secret, no
    // scheduler settings and no bus name, and works whichever payment providers are configured.
  }

  /** The functions of the automatic work. */
  get functions(): BillingFunction[] {
    return [this.outboxConsumer, this.invoiceWork, this.serviceBilling.function];
  }

  /** Every dead-letter queue of the automation: each is an operator's task when it holds a message. */
  get deadLetterQueues(): Record<string, Queue> {
    return {
      'invoice work': this.scheduling.queueDeadLetterQueue,
      'invoice schedules': this.scheduling.schedulerDeadLetterQueue,
      'outbox': this.outboxDeadLetterQueue,
      'service billing': this.serviceBilling.deadLetterQueue,
    };
  }
}
