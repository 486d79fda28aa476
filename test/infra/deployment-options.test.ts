import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/handlers/routes.js';
import { stackNameFor } from '../../lib/billing-app.js';
import { BillingStack } from '../../lib/billing-stack.js';
import { EdgeWebAclStack } from '../../lib/edge-web-acl.js';
import { acknowledgements, cdkJsonContext, renderCfn, seller } from './synth.js';

/**
 * The options a hosting provider deploys with, in one app synthesized once: a default copy, a copy
 * with every option given, and two prefixed copies side by side in one account, each with its own
 * rate-limiting web ACL in us-east-1.
 */
type Resource = { Type: string; Properties: Record<string, any> };

const account = '111111111111';
const certificateArn = 'arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-0a1b-4a1b-8a1b-0a1b2c3d4e5f';
const existingWebAcl = 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/shared/0a1b2c3d-0a1b-4a1b-8a1b-0a1b2c3d4e5f';

let app: App;
const templates: Record<string, Template> = {};

beforeAll(() => {
  app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  new BillingStack(app, 'Default', { seller });
  new BillingStack(app, 'Everything', {
    seller,
    ses: { fromEmail: 'billing@mail.acme-hosting.net', fromName: 'Acme Billing', region: 'eu-west-1', verifiedDomain: 'mail.acme-hosting.net' },
    alarmEmail: 'ops@acme-hosting.net',
    customDomain: { domainName: 'billing.acme-hosting.net', certificateArn },
    webAclArn: existingWebAcl,
  });
  for (const prefix of ['blue', 'green']) {
    const waf = new EdgeWebAclStack(app, `${stackNameFor(prefix)}-Waf`, { account, rateLimit: 1000 });
    new BillingStack(app, stackNameFor(prefix), {
      env: { account, region: 'eu-west-1' },
      crossRegionReferences: true,
      seller,
      webAclArn: waf.webAcl.attrArn,
    });
  }
  const assembly = app.synth();
  for (const stack of assembly.stacks) templates[stack.stackName] = Template.fromJSON(stack.template as Record<string, unknown>);
});

function resourcesOf(t: Template, type: string): Resource[] {
  return Object.values(t.findResources(type)) as Resource[];
}

/**
 * Names a resource is known by in the account: every `…Name` / `Name` property whose value is fixed
 * at synth (a literal, or one joined with the region), wherever it sits in the resource. Values that
 * reference another resource or stack are left out: they name that resource, not a new one. So are
 * the `…Name` properties below, which name no resource of their own, each with why.
 */
const notAccountWide: [type: string, path: RegExp, why: string][] = [
  ['AWS::DynamoDB::GlobalTable', /(IndexName|AttributeName)$/, 'an index or attribute of the table'],
  ['AWS::Cognito::UserPool', /^(Schema|AccountRecoverySetting)\b.*\.Name$/, 'an attribute or setting of the user pool'],
  ['AWS::Cognito::UserPoolGroup', /^GroupName$/, 'a group inside the user pool'],
  ['AWS::ApiGatewayV2::Stage', /^StageName$/, 'a stage inside the HTTP API'],
  ['AWS::ApiGatewayV2::Authorizer', /^Name$/, 'an authorizer inside the HTTP API'],
  ['AWS::IAM::Policy', /^PolicyName$/, 'an inline policy of a role of the stack'],
  ['AWS::WAFv2::WebACL', /^Rules\[\d+\]\.Name$/, 'a rule inside the web ACL'],
  ['AWS::CloudWatch::Alarm', /^(MetricName|Dimensions\[\d+\]\.Name|Metrics\[\d+\]\.MetricStat\.Metric\.(MetricName|Dimensions\[\d+\]\.Name))$/, 'the AWS metric the alarm watches'],
];

function physicalNames(t: Template): Map<string, string> {
  const names = new Map<string, string>();
  const fixed = (value: unknown) => !/\$\{(?!AWS::)/.test(renderCfn(value));
  const reference = (value: object) => ['Ref', 'Fn::GetAtt', 'Fn::GetStackOutput', 'Fn::ImportValue'].some((fn) => fn in value);
  const walk = (type: string, value: unknown, path: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(type, v, `${path}[${i}]`));
    else if (value && typeof value === 'object' && !reference(value)) {
      for (const [key, v] of Object.entries(value)) {
        const at = path ? `${path}.${key}` : key;
        if (/Name$/.test(key) && fixed(v) && !notAccountWide.some(([t2, p]) => t2 === type && p.test(at))) {
          names.set(renderCfn(v), `${type} ${at}`);
        }
        walk(type, v, at);
      }
    }
  };
  for (const resource of Object.values(t.toJSON().Resources as Record<string, Resource>)) walk(resource.Type, resource.Properties, '');
  return names;
}

describe('two copies in one account', () => {
  it('derive the stack names from the prefix', () => {
    expect(Object.keys(templates).sort()).toEqual(
      ['Default', 'Everything', 'blue-HostingBilling', 'blue-HostingBilling-Waf', 'green-HostingBilling', 'green-HostingBilling-Waf'].sort(),
    );
    expect(stackNameFor(undefined)).toBe('HostingBilling');
  });

  it('share no physical name, CloudFront’s account-wide ones and the web ACL included', () => {
    const blue = new Map([...physicalNames(templates['blue-HostingBilling']!), ...physicalNames(templates['blue-HostingBilling-Waf']!)]);
    const green = new Map([...physicalNames(templates['green-HostingBilling']!), ...physicalNames(templates['green-HostingBilling-Waf']!)]);
    const kinds = [...blue.values()].map((where) => where.split(' ')[0]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'AWS::CloudFront::ResponseHeadersPolicy',
        'AWS::CloudFront::OriginAccessControl',
        'AWS::CloudFront::Function',
        'AWS::WAFv2::WebACL',
        'AWS::ApiGatewayV2::Api',
      ]),
    );
    const common = [...blue.keys()].filter((name) => green.has(name)).map((name) => `${name} (${blue.get(name)})`);
    expect(common).toEqual([]);
  });
});

describe('every copy', () => {
  it('has termination protection', () => {
    for (const stack of app.node.children.filter((c): c is BillingStack | EdgeWebAclStack => c instanceof BillingStack || c instanceof EdgeWebAclStack)) {
      expect(stack.terminationProtection, stack.stackName).toBe(true);
    }
  });

  it('keeps old versions of the web app for 30 days, so a deploy can be rolled back', () => {
    const site = resourcesOf(templates.Default!, 'AWS::S3::Bucket').find((b) => b.Properties.VersioningConfiguration)!;
    expect(site.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(site.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
    ]);
  });

  it('passes cdk-nag AwsSolutions with every option on or off', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`))).toEqual([]);
  });
});

describe('custom domain', () => {
  it('serves the app on it with the us-east-1 certificate, TLS 1.2 at least, and sends customers back there', () => {
    const t = templates.Everything!;
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['billing.acme-hosting.net'],
        ViewerCertificate: { AcmCertificateArn: certificateArn, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    for (const route of routes) {
      const fn = resourcesOf(t, 'AWS::Lambda::Function').find((f) => f.Properties.Description === `${route.method} ${route.path}`)!;
      expect(fn.Properties.Environment.Variables.APP_URL, route.handler).toBe('https://billing.acme-hosting.net');
    }
    expect(t.findOutputs('WebUrl').WebUrl!.Value).toBe('https://billing.acme-hosting.net');
  });

  it('no longer needs the default-certificate acknowledgement', () => {
    const distributionAcks = (stack: string) =>
      acknowledgements(app).filter((a) => a.path === `${stack}/Web/Distribution`).map((a) => a.id).sort();
    expect(distributionAcks('Default')).toEqual(['AwsSolutions-CFR1', 'AwsSolutions-CFR2', 'AwsSolutions-CFR4']);
    expect(distributionAcks('Everything')).toEqual(['AwsSolutions-CFR1']);
  });
});

describe('web ACL', () => {
  it('puts an existing CloudFront web ACL in front of the app when given its ARN', () => {
    templates.Everything!.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: existingWebAcl }),
    });
    const [distribution] = resourcesOf(templates.Default!, 'AWS::CloudFront::Distribution');
    expect(distribution!.Properties.DistributionConfig.WebACLId).toBeUndefined();
  });

  it('or creates one in us-east-1 that answers 429 to an IP over its rate, webhooks left out of the count', () => {
    const waf = app.node.findChild('blue-HostingBilling-Waf') as EdgeWebAclStack;
    expect(waf.region).toBe('us-east-1');
    const [acl] = resourcesOf(templates['blue-HostingBilling-Waf']!, 'AWS::WAFv2::WebACL');
    expect(acl!.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const [rule] = acl!.Properties.Rules as Record<string, any>[];
    expect(rule!.Statement.RateBasedStatement).toMatchObject({ Limit: 1000, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    expect(rule!.Statement.RateBasedStatement.ScopeDownStatement.NotStatement.Statement.ByteMatchStatement).toMatchObject({
      FieldToMatch: { UriPath: {} },
      PositionalConstraint: 'STARTS_WITH',
      SearchString: '/webhooks/',
    });
    expect(rule!.Action.Block.CustomResponse.ResponseCode).toBe(429);
    const body = acl!.Properties.CustomResponseBodies[rule!.Action.Block.CustomResponse.CustomResponseBodyKey];
    expect(JSON.parse(body.Content)).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } });
  });

  it('which the billing stack reads across regions from the web ACL stack’s output', () => {
    const [distribution] = resourcesOf(templates['blue-HostingBilling']!, 'AWS::CloudFront::Distribution');
    expect(distribution!.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::GetStackOutput': expect.objectContaining({ StackName: 'blue-HostingBilling-Waf', Region: 'us-east-1' }),
    });
  });
});

describe('Cognito email', () => {
  it('goes through the SES identity when one is configured, from its verified domain, replies to the seller', () => {
    const [pool] = resourcesOf(templates.Everything!, 'AWS::Cognito::UserPool');
    const email = pool!.Properties.EmailConfiguration;
    expect(email).toMatchObject({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Acme Billing <billing@mail.acme-hosting.net>',
      ReplyToEmailAddress: seller.email,
    });
    expect(renderCfn(email.SourceArn)).toBe('arn:${AWS::Partition}:ses:eu-west-1:${AWS::AccountId}:identity/mail.acme-hosting.net');
  });

  it('otherwise uses Cognito’s own sender, still replying to the seller', () => {
    const [pool] = resourcesOf(templates.Default!, 'AWS::Cognito::UserPool');
    expect(pool!.Properties.EmailConfiguration).toEqual({ EmailSendingAccount: 'COGNITO_DEFAULT', ReplyToEmailAddress: seller.email });
  });
});

/** The operator's alarm topic (the other topic carries SES's feedback). */
function operatorTopic(t: Template): [string, Resource] {
  const topics = (Object.entries(t.findResources('AWS::SNS::Topic')) as [string, Resource][])
    .filter(([, topic]) => String(topic.Properties.DisplayName).endsWith(' alarms'));
  expect(topics).toHaveLength(1);
  return topics[0]!;
}

describe('operator alarms', () => {
  it('go to one SNS topic, encrypted with a rotated key CloudWatch may use, over HTTPS only, emailed to the operator', () => {
    const t = templates.Everything!;
    const [topicId, topic] = operatorTopic(t);
    const keyId = (topic.Properties.KmsMasterKeyId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!;
    const key = t.toJSON().Resources[keyId] as Resource;
    expect(key!.Properties.EnableKeyRotation).toBe(true);
    expect(key!.Properties.KeyPolicy.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
      ]),
    );
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@acme-hosting.net', TopicArn: { Ref: topicId } });
    templates.Default!.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 0);
  });

  it('watch every route function’s errors and throttles, and the API’s 5xx answers', () => {
    const t = templates.Default!;
    const [topicId] = operatorTopic(t);
    const alarms = resourcesOf(t, 'AWS::CloudWatch::Alarm');
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
    const functionIds = Object.entries(t.findResources('AWS::Lambda::Function'))
      .filter(([, fn]) => routes.some((route) => fn.Properties.Description === `${route.method} ${route.path}`))
      .map(([id]) => id);
    expect(functionIds).toHaveLength(routes.length);
    type AlarmMetric = { MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string; Value: { Ref?: string } }[] }; Stat: string } };
    for (const id of functionIds) {
      // Each function's errors and throttles are summed with four other functions' in one alarm that fires at 1.
      const watched = alarms.flatMap((a) => ((a.Properties.Metrics ?? []) as AlarmMetric[])
        .filter((m) => m.MetricStat?.Metric.Dimensions.some((d) => d.Name === 'FunctionName' && d.Value.Ref === id))
        .map((m) => `${m.MetricStat!.Metric.MetricName} ${m.MetricStat!.Stat} >= ${a.Properties.Threshold}`));
      expect(watched.sort(), id).toEqual(['Errors Sum >= 1', 'Throttles Sum >= 1']);
    }
    expect(alarms.filter((a) => a.Properties.Namespace === 'AWS/ApiGateway').map((a) => a.Properties.MetricName)).toEqual(['5xx']);
  });
});
