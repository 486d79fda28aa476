import {
  ConflictException, CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ScheduleRequest, Scheduler } from '../../ports/scheduler.js';

export interface EventBridgeSchedulerTarget {
  /** The schedule group the stack made; the functions may only touch schedules in it. */
  readonly groupName: string;
  /** The invoice-work queue the schedules send to, and the role that may send there. */
  readonly queueArn: string;
  readonly roleArn: string;
  /** Where a schedule's message goes when it cannot be delivered after every retry. */
  readonly deadLetterQueueArn: string;
}

/** A fire time as Scheduler's `at()` wants it: `yyyy-mm-ddThh:mm:ss`, read in ScheduleExpressionTimezone (UTC here). */
const atExpression = (at: Date) => `at(${at.toISOString().slice(0, 19)})`;

/** Scheduler refuses a one-time schedule in the past; work that is already due fires a minute from now. */
const SOONEST_MS = 60_000;

/**
 * Invoice work on EventBridge Scheduler: one one-time schedule per piece of work (`at()`, flexible
 * window off, deleted after it fires, retried for up to a day, then sent to a dead-letter queue),
 * targeting the invoice-work SQS queue, whose consumer re-checks the invoice anyway. Names are derived
 * from the work, so a duplicate create is a harmless ConflictException and a duplicate delete a
 * harmless ResourceNotFoundException (docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
 */
export class EventBridgeScheduler implements Scheduler {
  constructor(private readonly client: SchedulerClient, private readonly target: EventBridgeSchedulerTarget, private readonly now: () => Date = () => new Date()) {}

  async schedule(requests: readonly ScheduleRequest[]): Promise<void> {
    for (const request of requests) {
      const at = new Date(Math.max(request.at.getTime(), this.now().getTime() + SOONEST_MS));
      try {
        await this.client.send(new CreateScheduleCommand({
          Name: request.name,
          GroupName: this.target.groupName,
          ScheduleExpression: atExpression(at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: this.target.queueArn,
            RoleArn: this.target.roleArn,
            Input: JSON.stringify(request.work),
            RetryPolicy: { MaximumEventAgeInSeconds: 86_400, MaximumRetryAttempts: 185 },
            DeadLetterConfig: { Arn: this.target.deadLetterQueueArn },
          },
        }));
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
      }
    }
  }

  async cancel(names: readonly string[]): Promise<void> {
    for (const name of names) {
      try {
        await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.target.groupName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }
  }
}
