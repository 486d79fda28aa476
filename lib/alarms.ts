import { Aws, Duration, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
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
   * and any throttle, in 5 minutes.
   */
  watchFunction(fn: BillingFunction): void {
    const what = fn.node.path;
    this.watch(this.atLeastOnce(fn, 'Errors', fn.function.metricErrors({ period: FIVE_MINUTES }), `${what} failed`));
    this.watch(this.atLeastOnce(fn, 'Throttles', fn.function.metricThrottles({ period: FIVE_MINUTES }), `${what} was throttled`));
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

  private atLeastOnce(scope: Construct, name: string, metric: Metric, description: string): Alarm {
    return metric.with({ statistic: 'Sum' }).createAlarm(scope, `${name}Alarm`, {
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }
}
