import { Aws, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS } from '../functions/handlers/invoice-work-limits.js';
import type { BillingFunction } from './billing-function.js';

/**
 * How often a message of the invoice-work queue is received before it goes to its dead-letter queue.
 * A message comes back once per visibility timeout (6 minutes), so 10 receipts ride out about an hour
 * of a processor answering with passing faults; after that the operator is called (the DLQ's alarm)
 * and can move the messages back once the cause is gone (SQS redrive). The work is idempotent, so a
 * message run again is harmless.
 */
export const INVOICE_WORK_MAX_RECEIVE_COUNT = 10;

const queueDefaults = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;

/**
 * Where each invoice's timed work goes (DESIGN.md "Due dates"): an EventBridge Scheduler schedule
 * group holding one one-time schedule per reminder, due-date charge and retry (the functions create
 * them, functions/adapters/scheduler/eventbridge-scheduler.ts); the execution role the schedules run
 * as, which may do nothing but put a message on the invoice-work queue (and a failed one on the
 * schedules' dead-letter queue); the queue itself, with its own dead-letter queue. Queues are
 * encrypted with SQS-managed keys (which EventBridge Scheduler can write to without a key grant) and
 * refuse plain HTTP.
 */
export class InvoiceScheduling extends Construct {
  readonly group: ScheduleGroup;
  readonly queue: Queue;
  /** Messages the invoice-work function failed on INVOICE_WORK_MAX_RECEIVE_COUNT times. */
  readonly queueDeadLetterQueue: Queue;
  /** Schedules' messages EventBridge Scheduler could not deliver after its retries. */
  readonly schedulerDeadLetterQueue: Queue;
  readonly schedulerRole: Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.group = new ScheduleGroup(this, 'Group');

    this.queueDeadLetterQueue = new Queue(this, 'WorkDeadLetterQueue', { ...queueDefaults, retentionPeriod: Duration.days(14) });
    this.queue = new Queue(this, 'WorkQueue', {
      ...queueDefaults,
      visibilityTimeout: Duration.seconds(INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.queueDeadLetterQueue, maxReceiveCount: INVOICE_WORK_MAX_RECEIVE_COUNT },
    });
    this.schedulerDeadLetterQueue = new Queue(this, 'SchedulerDeadLetterQueue', { ...queueDefaults, retentionPeriod: Duration.days(14) });
    Validations.of(this.schedulerDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'It is a dead-letter queue: the one the invoice schedules name (DeadLetterConfig), which cdk-nag does not recognise as one.',
    });

    // Trusted by EventBridge Scheduler for this account's schedules only (confused-deputy protection).
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Runs the invoice schedules: may only send their message to the invoice-work queue',
    });
    // Scheduler puts a dead-letter event on the DLQ with the execution role too
    // (docs.aws.amazon.com/scheduler/latest/UserGuide/configuring-schedule-dlq.html).
    this.schedulerRole.addToPrincipalPolicy(new PolicyStatement({
      actions: ['sqs:SendMessage'],
      resources: [this.queue.queueArn, this.schedulerDeadLetterQueue.queueArn],
    }));
  }

  /** What the adapter is built from (functions/config.ts SchedulerSettings). */
  get environment(): Record<string, string> {
    return {
      SCHEDULE_GROUP_NAME: this.group.scheduleGroupName,
      INVOICE_WORK_QUEUE_ARN: this.queue.queueArn,
      SCHEDULER_ROLE_ARN: this.schedulerRole.roleArn,
      SCHEDULER_DLQ_ARN: this.schedulerDeadLetterQueue.queueArn,
    };
  }

  /**
   * Tells the function where invoice work is scheduled, without any right to schedule it: for a
   * function whose composition builds the scheduler adapter but never calls it.
   */
  bindTarget(fn: BillingFunction): void {
    for (const [name, value] of Object.entries(this.environment)) fn.function.addEnvironment(name, value);
  }

  /**
   * Lets the function create and delete schedules in the group (the adapter calls nothing else) and
   * hand the scheduler role to EventBridge Scheduler, and tells it where (bindTarget).
   */
  grantManageSchedules(fn: BillingFunction): void {
    this.bindTarget(fn);
    fn.role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
      resources: [this.scheduleArns],
    }));
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${this.scheduleArnsAsNagRendersThem()}]`,
      reason: 'Schedules are named per invoice and piece of work at run time; the grant covers the schedules of the billing group only, and only CreateSchedule and DeleteSchedule.',
    });
    fn.role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['iam:PassRole'],
      resources: [this.schedulerRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }));
  }

  /** scheduleArns as cdk-nag writes it: placeholders for an environment-agnostic stack, else literals. */
  private scheduleArnsAsNagRendersThem(): string {
    const stack = Stack.of(this);
    const known = !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region);
    const [partition, account, region] = known
      ? [RegionInfo.get(stack.region).partition ?? 'aws', stack.account, stack.region]
      : ['<AWS::Partition>', '<AWS::AccountId>', '<AWS::Region>'];
    return `arn:${partition}:scheduler:${region}:${account}:schedule/${stack.resolve(this.group.scheduleGroupName) as string}/*`;
  }

  /** Every schedule in the group: their names are made per invoice at run time. */
  get scheduleArns(): string {
    return Stack.of(this).formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${this.group.scheduleGroupName}/*` });
  }
}
