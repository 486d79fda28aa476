import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTBOX_ITEM_TYPE } from '../../functions/adapters/dynamodb/outbox-item.js';
import {
  INVOICE_WORK_BATCH_SIZE, INVOICE_WORK_MAX_CONCURRENCY, INVOICE_WORK_TIMEOUT_SECONDS, INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS,
} from '../../functions/handlers/invoice-work-limits.js';
import { CHARGE_ATTEMPT_LEASE_MS } from '../../functions/domain/invoice.js';
import { renderCfn, synthesize } from './synth.js';

/**
 * Due-date automation and billing email as deployed: what triggers each consumer, how failures end
 * up in a dead-letter queue, and that every dead-letter queue calls the operator.
 */
type Resource = { Type: string; Properties: Record<string, any> };

const stripeSecretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/stripe-AbCdEf';
let template: Template;
let withRules: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  const { templates } = synthesize({
    Billing: { stripeSecretArn, ses: { fromEmail: 'billing@acme-hosting.net', fromName: 'Acme Hosting', region: 'eu-west-1', verifiedDomain: 'acme-hosting.net' } },
    Rules: {
      billingRules: {
        reminderDaysBefore: 5, dunningRetryDays: [2, 4], billingHour: 7, billingTimeZone: 'Europe/Dublin', fundsLimits: { JPY: { minimum: '500', maximum: '300000' } },
        serviceInvoiceDaysBefore: 10, suspendAfterDays: 0,
      },
    },
  });
  template = templates.Billing!;
  withRules = templates.Rules!;
  resources = template.toJSON().Resources as Record<string, Resource>;
});

const ofType = (type: string, from = resources) => Object.entries(from).filter(([, r]) => r.Type === type);
const idOf = (type: string, pathPart: string) => {
  const found = ofType(type).filter(([id]) => id.includes(pathPart));
  expect(found, `${type} ${pathPart}`).toHaveLength(1);
  return found[0]![0];
};
const fnByDescription = (start: string, from = resources): [string, Resource] => {
  const found = ofType('AWS::Lambda::Function', from).filter(([, fn]) => String(fn.Properties.Description).startsWith(start));
  expect(found, start).toHaveLength(1);
  return found[0]!;
};
const outboxConsumer = () => fnByDescription('Outbox items:');
const invoiceWork = () => fnByDescription('Invoice schedules:');
const emailFeedback = () => fnByDescription('SES bounces');
const serviceBillingDay = () => fnByDescription('Daily service billing:');

describe('the invoice-work queue and its consumer', () => {
  it('takes one message at a time, at most INVOICE_WORK_MAX_CONCURRENCY at once, reporting failures per message', () => {
    const [fnId, fn] = invoiceWork();
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]![1].Properties;
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'SchedulingWorkQueue'), 'Arn'] });
    expect(mapping.BatchSize).toBe(INVOICE_WORK_BATCH_SIZE);
    expect(mapping.ScalingConfig).toEqual({ MaximumConcurrency: INVOICE_WORK_MAX_CONCURRENCY });
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(fn.Properties.Timeout).toBe(INVOICE_WORK_TIMEOUT_SECONDS);
  });

  it('hides a message for six times the function timeout and past a charge lease, then gives up to its DLQ after 10 receipts', () => {
    const queue = resources[idOf('AWS::SQS::Queue', 'SchedulingWorkQueue')]!.Properties;
    expect(queue.VisibilityTimeout).toBe(INVOICE_WORK_VISIBILITY_TIMEOUT_SECONDS);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * INVOICE_WORK_TIMEOUT_SECONDS);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(CHARGE_ATTEMPT_LEASE_MS / 1000 + INVOICE_WORK_TIMEOUT_SECONDS);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'SchedulingWorkDeadLetterQueue'), 'Arn'] },
      maxReceiveCount: 10,
    });
  });

  it('encrypts every queue and refuses plain HTTP to each', () => {
    const queues = ofType('AWS::SQS::Queue');
    expect(queues.length).toBe(6);
    for (const [id, queue] of queues) {
      expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
      const policies = ofType('AWS::SQS::QueuePolicy').filter(([, p]) => p.Properties.Queues.some((q: { Ref: string }) => q.Ref === id));
      const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Effect: string; Condition?: unknown }[]);
      expect(statements, id).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    }
  });
});

describe('the outbox consumer', () => {
  it('reads the stream of both images from the oldest record, only new outbox items, bisecting and retrying, then to its DLQ', () => {
    const table = ofType('AWS::DynamoDB::GlobalTable')[0]!;
    expect(table[1].Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const [fnId] = outboxConsumer();
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName.Ref === fnId);
    expect(mappings).toHaveLength(1);
    const mapping = mappings[0]![1].Properties;
    expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [table[0], 'StreamArn'] });
    expect(mapping.StartingPosition).toBe('TRIM_HORIZON');
    expect(mapping.BisectBatchOnFunctionError).toBe(true);
    expect(mapping.MaximumRetryAttempts).toBe(10);
    expect(mapping.MaximumRecordAgeInSeconds).toBe(86_400);
    expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.DestinationConfig).toEqual({
      OnFailure: { Destination: { 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'OutboxDeadLetterQueue'), 'Arn'] } },
    });
    const patterns = (mapping.FilterCriteria.Filters as { Pattern: string }[]).map((f) => JSON.parse(f.Pattern));
    expect(patterns).toEqual([{ eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [OUTBOX_ITEM_TYPE] } } } }]);
  });

  it('has time to render the invoice PDF and send it through SES', () => {
    expect(outboxConsumer()[1].Properties.Timeout).toBeGreaterThanOrEqual(30);
  });

  it('may read the Stripe secret, to read card fees, and no other provider’s', () => {
    const [fnId, fn] = outboxConsumer();
    const env = fn.Properties.Environment.Variables as Record<string, unknown>;
    expect(env.STRIPE_SECRET_ARN).toBe(stripeSecretArn);
    expect(env.PAYPAL_SECRET_ARN).toBeUndefined();
    expect(env.BTCPAY_SECRET_ARN).toBeUndefined();
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const secretStatements = ofType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
      .filter((st) => [st.Action].flat().some((a) => a.startsWith('secretsmanager:')));
    expect(secretStatements.map((st) => st.Resource), fnId).toEqual([stripeSecretArn]);
  });
});

describe('EventBridge Scheduler', () => {
  it('runs the schedules in their own group, as a role trusted by the scheduler for this account only', () => {
    expect(ofType('AWS::Scheduler::ScheduleGroup')).toHaveLength(1);
    const role = resources[idOf('AWS::IAM::Role', 'SchedulingSchedulerRole')]!.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    })]);
  });

  it('tells the functions whose composition builds the scheduler where the schedules go: the group, the queue, the role, the DLQ', () => {
    for (const [, fn] of [outboxConsumer(), invoiceWork()]) {
      const env = fn.Properties.Environment.Variables;
      expect(env.SCHEDULE_GROUP_NAME).toBe(resources[idOf('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup')]!.Properties.Name);
      expect(env.INVOICE_WORK_QUEUE_ARN).toEqual({ 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'SchedulingWorkQueue'), 'Arn'] });
      expect(env.SCHEDULER_ROLE_ARN).toEqual({ 'Fn::GetAtt': [idOf('AWS::IAM::Role', 'SchedulingSchedulerRole'), 'Arn'] });
      expect(env.SCHEDULER_DLQ_ARN).toEqual({ 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'SchedulingSchedulerDeadLetterQueue'), 'Arn'] });
    }
    // The daily service billing only writes outbox items; the outbox consumer makes their schedules.
    expect(serviceBillingDay()[1].Properties.Environment.Variables.SCHEDULE_GROUP_NAME).toBeUndefined();
  });
});

describe('billing email', () => {
  it('publishes bounces, complaints, deliveries and rejects of its configuration set to an encrypted topic SES may use', () => {
    const [setId] = ofType('AWS::SES::ConfigurationSet')[0]!;
    const destinations = ofType('AWS::SES::ConfigurationSetEventDestination');
    expect(destinations).toHaveLength(1);
    const destination = destinations[0]![1].Properties;
    expect(destination.ConfigurationSetName).toEqual({ Ref: setId });
    expect(destination.EventDestination.Enabled).toBe(true);
    expect([...destination.EventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'delivery', 'reject']);
    const topicId = idOf('AWS::SNS::Topic', 'FeedbackTopic');
    expect(destination.EventDestination.SnsDestination).toEqual({ TopicARN: { Ref: topicId } });
    const keyId = resources[topicId]!.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    expect(resources[keyId]!.Properties.KeyPolicy.Statement).toContainEqual(expect.objectContaining({
      Principal: { Service: 'ses.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    }));
  });

  it('delivers the feedback to the email-feedback function, with a dead-letter queue on the subscription', () => {
    const subscriptions = ofType('AWS::SNS::Subscription').filter(([, s]) => s.Properties.Protocol === 'lambda');
    expect(subscriptions).toHaveLength(1);
    const subscription = subscriptions[0]![1].Properties;
    expect(subscription.TopicArn).toEqual({ Ref: idOf('AWS::SNS::Topic', 'FeedbackTopic') });
    expect(subscription.Endpoint).toEqual({ 'Fn::GetAtt': [emailFeedback()[0], 'Arn'] });
    expect(subscription.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [idOf('AWS::SQS::Queue', 'FeedbackDeadLetterQueue'), 'Arn'] },
    });
  });

  it('tells the functions that send email the sender, the configuration set and the app’s address', () => {
    const [setId] = ofType('AWS::SES::ConfigurationSet')[0]!;
    for (const [, fn] of [outboxConsumer(), invoiceWork()]) {
      const env = fn.Properties.Environment.Variables;
      expect(env.SES_FROM_EMAIL).toBe('billing@acme-hosting.net');
      expect(env.SES_FROM_NAME).toBe('Acme Hosting');
      expect(env.SES_CONFIGURATION_SET).toEqual({ Ref: setId });
      expect(renderCfn(env.APP_URL)).toMatch(/^https:\/\//);
    }
  });
});

describe('alarms', () => {
  const operatorTopicId = () => ofType('AWS::SNS::Topic').filter(([, t]) => String(t.Properties.DisplayName).endsWith(' alarms'))[0]![0];
  const alarmsOn = (queueId: string) => ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties)
    .filter((a) => a.Namespace === 'AWS/SQS' && a.Dimensions.some((d: { Value: unknown }) => JSON.stringify(d.Value).includes(queueId)));

  it('call the operator when any dead-letter queue holds a message', () => {
    const deadLetterQueues = ofType('AWS::SQS::Queue').filter(([id]) => id.includes('DeadLetterQueue'));
    expect(deadLetterQueues).toHaveLength(5);
    for (const [id] of deadLetterQueues) {
      const alarms = alarmsOn(id);
      expect(alarms.map((a) => `${a.MetricName} ${a.ComparisonOperator} ${a.Threshold}`), id)
        .toEqual(['ApproximateNumberOfMessagesVisible GreaterThanThreshold 0']);
      expect(alarms[0]!.AlarmActions).toEqual([{ Ref: operatorTopicId() }]);
    }
  });

  it('call the operator when invoice work waits more than half an hour', () => {
    const alarms = alarmsOn(idOf('AWS::SQS::Queue', 'SchedulingWorkQueue'));
    expect(alarms.map((a) => `${a.MetricName} ${a.Statistic} > ${a.Threshold}`)).toEqual(['ApproximateAgeOfOldestMessage Maximum > 1800']);
    expect(alarms[0]!.AlarmActions).toEqual([{ Ref: operatorTopicId() }]);
  });

  it('watch the automation and feedback functions’ errors and throttles', () => {
    for (const [fnId] of [outboxConsumer(), invoiceWork(), serviceBillingDay(), emailFeedback()]) {
      const watched = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties)
        .flatMap((a) => (a.Metrics ?? []) as { MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: { Ref?: string } }[] } } }[])
        .filter((m) => m.MetricStat?.Metric.Dimensions.some((d) => d.Name === 'FunctionName' && d.Value.Ref === fnId))
        .map((m) => m.MetricStat!.Metric.MetricName);
      expect(watched.sort(), fnId).toEqual(['Errors', 'Throttles']);
    }
  });
});

describe('billing rules', () => {
  it('are given to every function alike, so the function that schedules and the one that unschedules agree', () => {
    // Every function that reads the whole configuration: all but Cognito's message trigger (parseMessageConfig).
    const functions = ofType('AWS::Lambda::Function', withRules.toJSON().Resources as Record<string, Resource>)
      .filter(([id, fn]) => fn.Properties.Environment?.Variables?.SELLER_NAME && !id.startsWith('AuthCustomMessage'));
    expect(functions.length).toBeGreaterThan(30);
    for (const [id, fn] of functions) {
      expect(fn.Properties.Environment.Variables, id).toMatchObject({
        REMINDER_DAYS_BEFORE: '5', DUNNING_RETRY_DAYS: '2,4', BILLING_HOUR: '7', BILLING_TIME_ZONE: 'Europe/Dublin', FUNDS_LIMITS: 'JPY:500-300000',
        SERVICE_INVOICE_DAYS_BEFORE: '10', SUSPEND_AFTER_DAYS: '0',
      });
    }
  });

  it('are left to the functions’ defaults when not given', () => {
    for (const [, fn] of ofType('AWS::Lambda::Function')) {
      const env = fn.Properties.Environment?.Variables ?? {};
      expect(Object.keys(env).filter((name) => /^(REMINDER|DUNNING|BILLING|FUNDS|SERVICE_INVOICE|SUSPEND)_/.test(name))).toEqual([]);
    }
  });
});
