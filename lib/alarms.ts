import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, ComparisonOperator, type IMetric, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BillingFunction } from './billing-function.js';

export interface OperatorAlarmsProps {
  /** Subscribed to the topic (AWS emails a confirmation link first). @default no subscriber */
  readonly email?: string;
}

const FIVE_MINUTES = Duration.minutes(5);
/** Errors and throttles of 5 functions: the 10 metrics one alarm may watch. */
const FUNCTIONS_PER_ALARM = 5;

/**
 * Where anything that needs an operator goes: one SNS topic, encrypted with a key of its own (the
 * AWS managed SNS key would not let CloudWatch publish), HTTPS only, with the operator's email
 * subscribed. Each `watch*` adds a part's alarms in one line.
 */
export class OperatorAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: OperatorAlarmsProps = {}) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the billing system’s operator alarm topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    // The sender name of the alarm emails: with two copies deployed, it says which one is calling.
    this.topic = new Topic(this, 'Topic', { displayName: `${Stack.of(this).stackName} alarms`, masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
  }

  /** Sends the alarm, and its return to OK, to the operator. */
  watch(alarm: Alarm): Alarm {
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }

  /**
   * Any error Lambda counts (an uncaught exception, a timeout, a cold start that fails on its
   * configuration: the HTTP frame turns handled errors into responses, which `watchHttpApi` sees)
   * and any throttle, in 5 minutes, for every function given.
   *
   * One alarm per FUNCTIONS_PER_ALARM functions (their errors and throttles summed by metric math,
   * at most 10 metrics an alarm), not two per function: a function per route makes some 60
   * functions, and two alarms each would take the stack past CloudFormation's 500 resources. The
   * alarm names its functions; the logs say which one.
   */
  watchFunctions(functions: readonly BillingFunction[]): void {
    for (let start = 0; start < functions.length; start += FUNCTIONS_PER_ALARM) {
      const group = functions.slice(start, start + FUNCTIONS_PER_ALARM);
      const metrics: Record<string, IMetric> = {};
      group.forEach((fn, i) => {
        metrics[`errors${i}`] = fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
        metrics[`throttles${i}`] = fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' });
      });
      const failures = new MathExpression({
        expression: Object.keys(metrics).map((id) => `FILL(${id}, 0)`).join(' + '),
        usingMetrics: metrics,
        period: FIVE_MINUTES,
        label: 'Errors and throttles',
      });
      const names = group.map((fn) => fn.node.id).join(', ');
      this.watch(failures.createAlarm(this, `FunctionsAlarm${start / FUNCTIONS_PER_ALARM + 1}`, {
        alarmDescription: `A function failed or was throttled, one of: ${names}`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }));
    }
  }

  /** Five or more 5xx answers in 5 minutes, whichever function gave them (or API Gateway itself). */
  watchHttpApi(api: HttpApi): void {
    this.watch(
      api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }).createAlarm(api, 'ServerErrorsAlarm', {
        alarmDescription: 'The billing API answered 5xx at least 5 times in 5 minutes',
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /**
   * Any message in a dead-letter queue: each is work the system gave up on (an email not sent, a
   * charge not made) until an operator looks. `what` names the work in the alarm's description.
   */
  watchDeadLetterQueue(queue: Queue, what: string): void {
    this.watch(
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }).createAlarm(queue, 'MessagesAlarm', {
        alarmDescription: `The ${what} dead-letter queue holds messages: work the system gave up on`,
        threshold: 0,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** The oldest message of a work queue waiting longer than `maxAge`: the consumer is stuck or too slow. */
  watchQueueAge(queue: Queue, what: string, maxAge: Duration): void {
    this.watch(
      queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, statistic: 'Maximum' }).createAlarm(queue, 'OldestMessageAlarm', {
        alarmDescription: `The ${what} queue's oldest message waited more than ${maxAge.toHumanString()}`,
        threshold: maxAge.toSeconds(),
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    );
  }

}
