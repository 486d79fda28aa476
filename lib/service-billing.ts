import { fileURLToPath } from 'node:url';
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BillingFunction } from './billing-function.js';
import type { BillingTable } from './data.js';

const handlersDir = fileURLToPath(new URL('../functions/handlers/', import.meta.url));

/**
 * How long one day's run may take: it lists the services due and the open invoices past due, and
 * issues, notes and suspends one by one (a few DynamoDB writes each, no provider call).
 */
const SERVICE_BILLING_TIMEOUT = Duration.minutes(5);
/**
 * A run EventBridge Scheduler could not start (Lambda throttled or unavailable) is tried again for up
 * to this long, well inside the day; so is a run that failed, by Lambda's asynchronous retries. The
 * run is safe to repeat (service-billing-day.ts), and a late run bills the same day.
 */
const SERVICE_BILLING_MAX_AGE = Duration.hours(6);
const SCHEDULER_RETRY_ATTEMPTS = 20;

export interface ServiceBillingProps {
  readonly table: BillingTable;
  /** What every function reads (the seller, the billing rules), and what its composition builds from. */
  readonly environment: Readonly<Record<string, string>>;
  /** The hour of the day (0–23) the run starts, in `timeZone`. @default 9 (functions/config.ts) */
  readonly billingHour?: number;
  /** An IANA time zone. @default UTC (functions/config.ts) */
  readonly timeZone?: string;
  /** @default false */
  readonly tracing?: boolean;
}

/**
 * The daily service billing (functions/handlers/service-billing-day.ts): one EventBridge Scheduler
 * schedule at the billing hour, in the provider's time zone, invokes the function directly. Its
 * execution role may do nothing but invoke that function (and put an undeliverable run on the
 * dead-letter queue); a run that fails after Lambda's retries lands on the same queue, so either way
 * the operator is called (its alarm) and can run the day again by invoking the function.
 *
 * The schedule is in the account's default group, not the invoice schedules' group: the outbox
 * consumer may delete any schedule of that one.
 */
export class ServiceBilling extends Construct {
  readonly function: BillingFunction;
  readonly schedule: CfnSchedule;
  readonly schedulerRole: Role;
  /** Days the schedule could not start, or that failed after Lambda's retries. */
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ServiceBillingProps) {
    super(scope, id);
    this.function = new BillingFunction(this, 'Day', {
      entry: `${handlersDir}service-billing-day.ts`,
      description: 'Daily service billing: service invoices, overdue notices, suspensions',
      environment: props.environment,
      timeout: SERVICE_BILLING_TIMEOUT,
      ...(props.tracing === undefined ? {} : { tracing: props.tracing }),
    });
    // Issues invoices, notes overdue ones and suspends services, each with its outbox items.
    this.function.bindTable(props.table, 'write');

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'It is a dead-letter queue: the one the daily schedule names (DeadLetterConfig) and the function’s on-failure destination, which cdk-nag does not recognise as one.',
    });
    this.function.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: SERVICE_BILLING_MAX_AGE,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    // Trusted by EventBridge Scheduler for this account's schedules only (confused-deputy protection).
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Runs the daily service billing: may only invoke its function',
    });
    this.schedulerRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['lambda:InvokeFunction'], resources: [this.function.function.functionArn],
    }));
    this.schedulerRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['sqs:SendMessage'], resources: [this.deadLetterQueue.queueArn],
    }));

    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: 'Runs the daily service billing at the billing hour',
      scheduleExpression: `cron(0 ${props.billingHour ?? 9} * * ? *)`,
      scheduleExpressionTimezone: props.timeZone ?? 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.function.function.functionArn,
        roleArn: this.schedulerRole.roleArn,
        // The handler takes the day in the provider's time zone when none is given.
        input: '{}',
        retryPolicy: { maximumRetryAttempts: SCHEDULER_RETRY_ATTEMPTS, maximumEventAgeInSeconds: SERVICE_BILLING_MAX_AGE.toSeconds() },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      },
    });
    // Scheduler checks the role when the schedule is made: its policy must exist by then.
    this.schedule.node.addDependency(this.schedulerRole);
  }
}
