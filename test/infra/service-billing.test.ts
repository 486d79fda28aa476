import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '../../functions/adapters/eventbridge/eventbridge-event-publisher.js';
import { renderCfn, synthesize } from './synth.js';

/**
 * The daily service billing and the billing events' bus as deployed: when the day runs, who may start
 * it, where a failed day goes, and which functions are told of the bus and may put events on it.
 */
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const stripeSecretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/stripe-AbCdEf';
let defaults: Record<string, Resource>;
let withRules: Record<string, Resource>;
let template: Template;

beforeAll(() => {
  const { templates } = synthesize({
    Billing: { stripeSecretArn },
    Rules: { billingRules: { billingHour: 7, billingTimeZone: 'Europe/Dublin', serviceInvoiceDaysBefore: 10, suspendAfterDays: 30 } },
  });
  template = templates.Billing!;
  defaults = template.toJSON().Resources as Record<string, Resource>;
  withRules = templates.Rules!.toJSON().Resources as Record<string, Resource>;
});

const ofType = (type: string, from = defaults) => Object.entries(from).filter(([, r]) => r.Type === type);
const idOf = (type: string, part: string, from = defaults) => {
  const found = ofType(type, from).filter(([id]) => id.includes(part));
  expect(found, `${type} ${part}`).toHaveLength(1);
  return found[0]![0];
};
const fnByDescription = (start: string, from = defaults): [string, Resource] => {
  const found = ofType('AWS::Lambda::Function', from).filter(([, fn]) => String(fn.Properties.Description).startsWith(start));
  expect(found, start).toHaveLength(1);
  return found[0]!;
};
const serviceBillingDay = (from = defaults) => fnByDescription('Daily service billing:', from);
const scheduleOf = (from = defaults) => {
  const schedules = ofType('AWS::Scheduler::Schedule', from);
  expect(schedules).toHaveLength(1);
  return schedules[0]!;
};
/** Every `Effect action on resource` a role's policies hold. */
const allowedTo = (roleId: string) => ofType('AWS::IAM::Policy')
  .filter(([, p]) => (p.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
  .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[])
  .flatMap((s) => [s.Action].flat().flatMap((action) => [s.Resource].flat().map((r) => `${s.Effect} ${action} on ${renderCfn(r as never)}`)))
  .sort();
const roleOf = (fn: Resource) => (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;

describe('the daily service billing', () => {
  it('runs at the billing hour in the provider’s time zone, once a day', () => {
    expect(scheduleOf()[1].Properties).toMatchObject({ ScheduleExpression: 'cron(0 9 * * ? *)', ScheduleExpressionTimezone: 'UTC' });
    expect(scheduleOf(withRules)[1].Properties).toMatchObject({ ScheduleExpression: 'cron(0 7 * * ? *)', ScheduleExpressionTimezone: 'Europe/Dublin' });
    expect(scheduleOf()[1].Properties.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
  });

  it('invokes the function directly, retrying for hours, then to a dead-letter queue that calls the operator', () => {
    const [fnId, fn] = serviceBillingDay();
    const target = scheduleOf()[1].Properties.Target;
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 6 * 3600 });
    const dlqId = idOf('AWS::SQS::Queue', 'ServiceBillingDeadLetterQueue');
    expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties)
      .filter((a) => a.Namespace === 'AWS/SQS' && JSON.stringify(a.Dimensions).includes(dlqId));
    expect(alarms.map((a) => `${a.MetricName} > ${a.Threshold}`)).toEqual(['ApproximateNumberOfMessagesVisible > 0']);
    // A day that fails inside the function is retried by Lambda, then lands on the same queue.
    const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName.Ref === fnId);
    expect(invokeConfigs.map(([, c]) => c.Properties)).toEqual([expect.objectContaining({
      MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId, 'Arn'] } } },
    })]);
    expect(fn.Properties.Timeout).toBe(300);
    expect(fn.Properties.MemorySize).toBe(fnByDescription('Invoice schedules:')[1].Properties.MemorySize);
  });

  it('runs as a role trusted by the scheduler for this account only, which may invoke only that function', () => {
    const [fnId] = serviceBillingDay();
    const roleId = idOf('AWS::IAM::Role', 'ServiceBillingSchedulerRole');
    expect(scheduleOf()[1].Properties.Target.RoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(defaults[roleId]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([expect.objectContaining({
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    })]);
    expect(allowedTo(roleId)).toEqual([
      `Allow lambda:InvokeFunction on \${${fnId}.Arn}`,
      `Allow sqs:SendMessage on \${${idOf('AWS::SQS::Queue', 'ServiceBillingDeadLetterQueue')}.Arn}`,
    ]);
    // The schedule is made once the role may invoke, and outside the group the outbox consumer may delete from.
    expect(scheduleOf()[1].DependsOn).toEqual(expect.arrayContaining([expect.stringContaining('ServiceBillingSchedulerRoleDefaultPolicy')]));
    expect(scheduleOf()[1].Properties.GroupName).toBeUndefined();
  });

  it('is given what its composition is built from (the table and the rules) and no payment secret, scheduler or bus', () => {
    const env = serviceBillingDay(withRules)[1].Properties.Environment.Variables;
    expect(env).toMatchObject({
      BILLING_HOUR: '7', BILLING_TIME_ZONE: 'Europe/Dublin', SERVICE_INVOICE_DAYS_BEFORE: '10', SUSPEND_AFTER_DAYS: '30',
    });
    for (const name of ['TABLE_NAME', 'APP_URL']) expect(env[name], name).toBeDefined();
    // It only writes outbox items: the outbox consumer sends, schedules and publishes.
    for (const name of ['STRIPE_SECRET_ARN', 'PAYPAL_SECRET_ARN', 'BTCPAY_SECRET_ARN', 'SCHEDULE_GROUP_NAME', 'EVENT_BUS_NAME']) {
      expect(serviceBillingDay()[1].Properties.Environment.Variables[name], name).toBeUndefined();
    }
  });
});

describe('the billing events’ bus', () => {
  const busId = () => idOf('AWS::Events::EventBus', 'EventsBus');

  it('is a bus of its own, named and with its ARN in the outputs for the provider’s rules', () => {
    expect(ofType('AWS::Events::EventBus')).toHaveLength(1);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.EventBusName!.Value).toEqual({ Ref: busId() });
    expect(outputs.EventBusArn!.Value).toEqual({ 'Fn::GetAtt': [busId(), 'Arn'] });
    expect(EVENT_SOURCE).toBe('hosting-billing');
  });

  it('is named to every function whose composition builds the event publisher', () => {
    for (const start of ['Outbox items:', 'Invoice schedules:']) {
      expect(fnByDescription(start)[1].Properties.Environment.Variables.EVENT_BUS_NAME, start).toEqual({ Ref: busId() });
    }
  });

  it('takes events from the outbox consumer alone, and the outbox consumer may put events on no other bus', () => {
    const eventGrants = (fn: Resource) => allowedTo(roleOf(fn)).filter((grant) => grant.includes(' events:'));
    expect(eventGrants(fnByDescription('Outbox items:')[1])).toEqual([`Allow events:PutEvents on \${${busId()}.Arn}`]);
    const others = ofType('AWS::Lambda::Function').filter(([, fn]) => !String(fn.Properties.Description).startsWith('Outbox items:') && fn.Properties.Role);
    expect(others.length).toBeGreaterThan(30);
    for (const [id, fn] of others) expect(eventGrants(fn), id).toEqual([]);
  });
});
