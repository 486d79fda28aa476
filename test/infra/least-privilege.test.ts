import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexes } from '../../functions/adapters/dynamodb/keys.js';
import { type RouteDefinition, btcpayClientForApi, routes, stripeClientForApi, timeouts } from '../../functions/handlers/routes.js';
import { projectRoot, renderCfn, synthesize } from './synth.js';

/**
 * What each function may do and how long it may take, read from the synthesized template and held
 * against what its entry in functions/handlers/routes.ts declares.
 */
type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  template = synthesize({ Billing: {} }).templates.Billing!;
  resources = template.toJSON().Resources as Record<string, Resource>;
});

function functionFor(route: RouteDefinition): Resource {
  const found = Object.values(resources).filter(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Description === `${route.method} ${route.path}`,
  );
  expect(found, `${route.method} ${route.path}`).toHaveLength(1);
  return found[0]!;
}

/** Every `action on resource` the function's role allows, resources rendered as `${Logical.Arn}/…`. */
function grants(fn: Resource, service: string): string[] {
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) =>
      [statement.Action].flat().flatMap((action) => [statement.Resource].flat().map((resource) => `${action} on ${renderCfn(resource)}`)),
    )
    .filter((grant) => grant.startsWith(`${service}:`))
    .sort();
}

function tableArn(): string {
  const [tableId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::DynamoDB::GlobalTable')!;
  return `\${${tableId}.Arn}`;
}

/** The grants a table access level stands for, as routes.ts defines them. */
function expectedTableGrants(access: RouteDefinition['table']): string[] {
  const table = tableArn();
  const read = [
    ...['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'].map((action) => `${action} on ${table}`),
    ...Object.values(indexes).map((index) => `dynamodb:Query on ${table}/index/${index.name}`),
  ];
  const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'].map((action) => `${action} on ${table}`);
  return { none: [], read, write: [...read, ...write] }[access].sort();
}

describe('table access', () => {
  it.each(routes)('$method $path may call exactly the DynamoDB actions of `$table`', (route) => {
    expect(grants(functionFor(route), 'dynamodb')).toEqual(expectedTableGrants(route.table));
  });

  it('never allows Scan, BatchGetItem, BatchWriteItem, DescribeTable or a wildcard to any function', () => {
    const all = routes.flatMap((route) => grants(functionFor(route), 'dynamodb'));
    expect(all.length).toBeGreaterThan(0);
    for (const grant of all) {
      expect(grant).not.toMatch(/^dynamodb:(Scan|BatchGetItem|BatchWriteItem|DescribeTable|\*)/);
      expect(grant).not.toMatch(/index\/\*$/);
    }
  });

  it('gives the OpenAPI function no table access and no table name', () => {
    const openapi = routes.find((route) => route.handler === 'get-openapi')!;
    expect(openapi.table).toBe('none');
    const fn = functionFor(openapi);
    expect(grants(fn, 'dynamodb')).toEqual([]);
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeUndefined();
  });

  it('declares both levels somewhere, so each expectation above is exercised', () => {
    expect(new Set(routes.map((route) => route.table))).toEqual(new Set(['none', 'read', 'write']));
  });
});

describe('timeouts', () => {
  it.each(routes)('$method $path gets the $timeout s its route declares', (route) => {
    expect(functionFor(route).Properties.Timeout).toBe(route.timeout);
  });

  it('lets every API function answer within API Gateway’s 30-second integration limit', () => {
    // Every entry of the route table is an API route.
    for (const route of routes) expect(route.timeout, route.handler).toBeLessThanOrEqual(29);
  });

  it('outlasts two Stripe calls at the API client budget in every function that calls Stripe', () => {
    // stripe-node: `maxNetworkRetries + 1` attempts of `timeoutMs` each, 0.5 s of back-off before the first retry.
    const attempts = stripeClientForApi.maxNetworkRetries + 1;
    const worstCallMs = attempts * stripeClientForApi.timeoutMs + (attempts > 1 ? 500 : 0);
    expect(worstCallMs).toBe(12_500);
    const stripeRoutes = routes.filter((route) => (route.needs as readonly string[]).includes('stripeSecret'));
    expect(stripeRoutes.length).toBeGreaterThan(0);
    for (const route of stripeRoutes) {
      expect(route.timeout * 1000, route.handler).toBeGreaterThanOrEqual(2 * worstCallMs + 2_000);
    }
  });

  it('outlasts the BTCPay calls one after the other of every function that calls BTCPay (one try each)', () => {
    const btcpayRoutes = routes.filter((route) => (route.needs as readonly string[]).includes('btcpaySecret'));
    expect(btcpayRoutes.length).toBeGreaterThan(0);
    // The slowest path: a crypto payment reads the accepted list, closes a live checkout (read, mark, read again) and opens one: five …
    expect(routes.find((route) => route.handler === 'pay-invoice')!.timeout * 1000).toBeGreaterThanOrEqual(5 * btcpayClientForApi.timeoutMs + 2_000);
    // … and the staff view and the accepted list make at most three in a row (payment methods are read side by side).
    for (const route of btcpayRoutes) expect(route.timeout * 1000, route.handler).toBeGreaterThanOrEqual(3 * btcpayClientForApi.timeoutMs + 2_000);
  });

  it('outlasts invoice numbering’s budget, with room for the reads around it and its last wait', () => {
    const source = readFileSync(join(projectRoot, 'functions/adapters/dynamodb/dynamo-invoice-repository.ts'), 'utf8');
    const budgetMs = Number(/NUMBERING_BUDGET_MS = ([\d_]+)/.exec(source)![1]!.replaceAll('_', ''));
    expect(budgetMs).toBeGreaterThan(0);
    const create = routes.find((route) => route.handler === 'admin-create-invoice')!;
    expect(create.timeout).toBe(timeouts.invoiceNumber);
    // A wait may overrun the budget by up to 2 s before the last claim; the customer read comes before.
    expect(create.timeout * 1000).toBeGreaterThanOrEqual(budgetMs + 3_000);
  });
});

describe('due-date automation and billing email', () => {
  const fnNamed = (start: string): Resource => {
    const found = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith(start));
    expect(found, start).toHaveLength(1);
    return found[0]!;
  };
  const idOf = (type: string, part: string) => Object.entries(resources).find(([id, r]) => r.Type === type && id.includes(part))![0];
  const statementsOf = (roleId: string) => Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as (Statement & { Condition?: unknown })[]);
  const groupName = () => resources[idOf('AWS::Scheduler::ScheduleGroup', 'SchedulingGroup')]!.Properties.Name as string;
  const sesGrants = () => {
    const identity = 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/billing@test.example';
    const set = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:configuration-set/\${${idOf('AWS::SES::ConfigurationSet', 'EmailConfigurationSet')}}`;
    return ['ses:SendEmail', 'ses:SendRawEmail'].flatMap((action) => [`${action} on ${identity}`, `${action} on ${set}`]).sort();
  };

  it('lets the schedules’ role send to the invoice-work queue and the schedules’ DLQ, and nothing else', () => {
    const statements = statementsOf(idOf('AWS::IAM::Role', 'SchedulingSchedulerRole'));
    const allowed = statements.flatMap((s) => [s.Action].flat().flatMap((action) => [s.Resource].flat().map((r) => `${s.Effect} ${action} on ${renderCfn(r)}`)));
    expect(allowed.sort()).toEqual([
      `Allow sqs:SendMessage on \${${idOf('AWS::SQS::Queue', 'SchedulingSchedulerDeadLetterQueue')}.Arn}`,
      `Allow sqs:SendMessage on \${${idOf('AWS::SQS::Queue', 'SchedulingWorkQueue')}.Arn}`,
    ]);
    expect(statements.every((s) => !('Condition' in s))).toBe(true);
  });

  it('lets the outbox consumer create and delete schedules of the billing group only, and pass only the schedules’ role, only to the scheduler', () => {
    const consumer = fnNamed('Outbox items:');
    const schedules = `arn:\${AWS::Partition}:scheduler:\${AWS::Region}:\${AWS::AccountId}:schedule/${groupName()}/*`;
    expect(grants(consumer, 'scheduler')).toEqual([`scheduler:CreateSchedule on ${schedules}`, `scheduler:DeleteSchedule on ${schedules}`]);
    const roleId = (consumer.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const passRole = statementsOf(roleId).filter((s) => [s.Action].flat().some((a) => a.startsWith('iam:')));
    expect(passRole).toEqual([{
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [idOf('AWS::IAM::Role', 'SchedulingSchedulerRole'), 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
    }]);
    expect(grants(consumer, 'ses')).toEqual(sesGrants());
    expect(grants(consumer, 'secretsmanager')).toEqual([]);
    expect(grants(consumer, 'dynamodb')).toEqual(expect.arrayContaining(expectedTableGrants('write')));
  });

  it('lets the invoice-work function send reminders, but not touch schedules (a retry goes through the outbox)', () => {
    const work = fnNamed('Invoice schedules:');
    expect(grants(work, 'scheduler')).toEqual([]);
    expect(grants(work, 'iam')).toEqual([]);
    expect(grants(work, 'ses')).toEqual(sesGrants());
    expect(grants(work, 'dynamodb')).toEqual(expectedTableGrants('write'));
  });

  it('lets the daily service billing write the table and put a failed day on its DLQ, and nothing more', () => {
    const day = fnNamed('Daily service billing:');
    expect(grants(day, 'dynamodb')).toEqual(expectedTableGrants('write'));
    // SqsDestination grants what sending takes (grantSendMessages): the queue's URL and attributes too.
    const dlq = `\${${idOf('AWS::SQS::Queue', 'ServiceBillingDeadLetterQueue')}.Arn}`;
    expect(grants(day, 'sqs')).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'].map((action) => `${action} on ${dlq}`));
    // It issues invoices and notes overdue ones through the outbox: no schedule, email, secret or event of its own.
    for (const service of ['ses', 'scheduler', 'iam', 'secretsmanager', 'events', 'lambda']) expect(grants(day, service), service).toEqual([]);
  });

  it('lets the daily schedule’s role invoke the service billing and send to its DLQ, and nothing else', () => {
    const statements = statementsOf(idOf('AWS::IAM::Role', 'ServiceBillingSchedulerRole'));
    const allowed = statements.flatMap((s) => [s.Action].flat().flatMap((action) => [s.Resource].flat().map((r) => `${s.Effect} ${action} on ${renderCfn(r)}`)));
    const [dayId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith('Daily service billing:'))!;
    expect(allowed.sort()).toEqual([
      `Allow lambda:InvokeFunction on \${${dayId}.Arn}`,
      `Allow sqs:SendMessage on \${${idOf('AWS::SQS::Queue', 'ServiceBillingDeadLetterQueue')}.Arn}`,
    ]);
  });

  it('lets only the outbox consumer put billing events, on the billing bus only', () => {
    const bus = `\${${idOf('AWS::Events::EventBus', 'EventsBus')}.Arn}`;
    expect(grants(fnNamed('Outbox items:'), 'events')).toEqual([`events:PutEvents on ${bus}`]);
    expect(grants(fnNamed('Invoice schedules:'), 'events')).toEqual([]);
    for (const route of routes) expect(grants(functionFor(route), 'events'), route.handler).toEqual([]);
  });

  it('lets the email-feedback function write the table and nothing more', () => {
    const feedback = fnNamed('SES bounces');
    expect(grants(feedback, 'dynamodb')).toEqual(expectedTableGrants('write'));
    for (const service of ['ses', 'scheduler', 'iam', 'secretsmanager', 'sqs', 'events']) expect(grants(feedback, service), service).toEqual([]);
  });

  it('gives no API function any right to schedules, email or roles', () => {
    for (const route of routes) {
      for (const service of ['ses', 'scheduler', 'iam']) expect(grants(functionFor(route), service), `${route.handler} ${service}`).toEqual([]);
    }
  });
});
