import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/handlers/routes.js';
import { apiPathPatterns } from '../../lib/spa.js';
import { acknowledgements, fakeWebBuild, projectRoot, renderCfn, type Synthesized, synthesize } from './synth.js';

type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

/** Routes anyone may call: webhooks prove themselves by the provider's signature instead. */
const tokenless: ReadonlySet<string> = new Set(['public', 'webhook']);
const cachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const allViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const stripeSecretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/stripe-AbCdEf';
const stripeRoutes = routes.filter((route) => (route.needs as readonly string[]).includes('stripeSecret'));
const btcpaySecretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:billing/btcpay-GhIjKl';
const btcpay = { url: 'https://btcpay.acme-hosting.net', secretArn: btcpaySecretArn, establishedCustomer: { minAccountAgeDays: 60, minPaidInvoices: 3 } };
const btcpayRoutes = routes.filter((route) => (route.needs as readonly string[]).includes('btcpaySecret'));

let synth: Synthesized;
let template: Template;

beforeAll(() => {
  synth = synthesize({
    // The shape that gets deployed, with a built web app.
    Billing: { webDistDir: fakeWebBuild() },
    // Before `vite build` has run.
    Unbuilt: { webDistDir: join(tmpdir(), 'billing-no-such-build') },
    // The opt-outs and opt-ins that change what cdk-nag sees.
    Options: {
      webDistDir: fakeWebBuild(),
      threatProtection: false,
      tracing: true,
      allowedOrigins: ['http://localhost:5173'],
      stripeSecretArn,
      btcpay,
    },
  });
  template = synth.templates.Billing!;
});

function resources(type: string, t: Template = template): [string, Resource][] {
  return Object.entries(t.findResources(type)) as [string, Resource][];
}

/** The function that serves a route: the stack describes each one as `<METHOD> <path>`. */
function functionFor(route: { method: string; path: string }, t: Template = template): Resource {
  const found = resources('AWS::Lambda::Function', t).filter(
    ([, fn]) => fn.Properties.Description === `${route.method} ${route.path}`,
  );
  expect(found, `function for ${route.method} ${route.path}`).toHaveLength(1);
  return found[0]![1];
}

/** Every IAM action the function's role is allowed, from all policies attached to it. */
function allowedActions(fn: Resource, t: Template = template): string[] {
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return resources('AWS::IAM::Policy', t)
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[] }[])
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => [statement.Action].flat());
}

/** The secrets (their ARNs) the function's role may read. */
function secretsRead(fn: Resource, t: Template): string[] {
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
  return resources('AWS::IAM::Policy', t)
    .filter(([, policy]) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown }[])
    .filter((statement) => statement.Effect === 'Allow' && [statement.Action].flat().includes('secretsmanager:GetSecretValue'))
    .flatMap((statement) => [statement.Resource].flat().map((resource) => renderCfn(resource as never)))
    .sort();
}

describe('functions', () => {
  it('has exactly one function per route in the route table, each nodejs24.x on arm64', () => {
    const routeFunctions = resources('AWS::Lambda::Function').filter(([, fn]) =>
      routes.some((route) => fn.Properties.Description === `${route.method} ${route.path}`),
    );
    expect(routeFunctions).toHaveLength(routes.length);
    for (const route of routes) {
      const fn = functionFor(route);
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
    }
  });

  it('gives every function the settings functions/config.ts reads, and only those its route binds', () => {
    const [[distributionId]] = resources('AWS::CloudFront::Distribution') as [[string, Resource]];
    for (const route of routes) {
      const env = functionFor(route).Properties.Environment.Variables as Record<string, unknown>;
      const bound = [
        ...(route.table === 'none' ? [] : ['TABLE_NAME']),
        ...((route.needs as readonly string[]).some((need) => need === 'userPool' || need === 'userInvitations' || need === 'userSignIn' || need === 'userLookup') ? ['USER_POOL_ID'] : []),
      ];
      expect(Object.keys(env).sort(), route.handler).toEqual(
        ['APP_URL', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'SELLER_ADDRESS', 'SELLER_EMAIL', 'SELLER_NAME', ...bound].sort(),
      );
      expect(env).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'billing',
        SELLER_NAME: 'Test Hosting Ltd',
        SELLER_EMAIL: 'billing@test.example',
        ...(bound.includes('TABLE_NAME') ? { TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) } } : {}),
        ...(bound.includes('USER_POOL_ID') ? { USER_POOL_ID: { Ref: expect.stringMatching(/^AuthUserPool/) } } : {}),
      });
      expect(renderCfn(env.APP_URL)).toBe(`https://\${${distributionId}.DomainName}`);
    }
  });

  it('writes each function log to its own log group with a retention', () => {
    for (const route of routes) {
      const logGroupRef = functionFor(route).Properties.LoggingConfig.LogGroup as { Ref: string };
      const [, logGroup] = resources('AWS::Logs::LogGroup').find(([id]) => id === logGroupRef.Ref)!;
      expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
    }
  });

  it('lets only the routes that need the user pool manage Cognito users', () => {
    for (const route of routes) {
      const actions = allowedActions(functionFor(route)).filter((action) => action.startsWith('cognito-idp:'));
      if ((route.needs as readonly string[]).includes('userPool')) {
        expect(actions.sort()).toEqual(['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser']);
      } else if ((route.needs as readonly string[]).includes('userInvitations')) {
        expect(actions.sort()).toEqual(['cognito-idp:AdminCreateUser']);
      } else if ((route.needs as readonly string[]).includes('userSignIn')) {
        expect(actions.sort()).toEqual(['cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser']);
      } else if ((route.needs as readonly string[]).includes('userLookup')) {
        expect(actions.sort()).toEqual(['cognito-idp:AdminGetUser']);
      } else {
        expect(actions, route.handler).toEqual([]);
      }
    }
  });
});

describe('card payments', () => {
  it('declares the Stripe secret for exactly the handlers that build the card-payments composition, and the crypto webhook', () => {
    const building = routes
      .map((route) => route.handler)
      .filter((handler) =>
        readFileSync(join(projectRoot, 'functions', 'handlers', `${handler}.ts`), 'utf8').includes('composition/payments'),
      );
    // A crypto payment that pays an invoice closes a card page still open for it (apply-payment-event).
    expect(stripeRoutes.map((route) => route.handler).sort()).toEqual([...new Set([...building, 'btcpay-webhook'])].sort());
  });

  it('lets only those handlers read the Stripe secret, and tells them where it is', () => {
    const options = synth.templates.Options!;
    for (const route of routes) {
      const fn = functionFor(route, options);
      const reads = secretsRead(fn, options).includes(stripeSecretArn);
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      if (stripeRoutes.includes(route)) {
        expect(reads, route.handler).toBe(true);
        expect(env.STRIPE_SECRET_ARN, route.handler).toBe(stripeSecretArn);
      } else {
        expect(reads, route.handler).toBe(false);
        expect(env.STRIPE_SECRET_ARN, route.handler).toBeUndefined();
      }
    }
  });

  it('sets no Stripe secret when none is given', () => {
    for (const route of routes) {
      expect(allowedActions(functionFor(route)), route.handler).not.toContain('secretsmanager:GetSecretValue');
    }
  });
});

describe('crypto payments', () => {
  it('declares the BTCPay secret for every route that may open, close or read a crypto checkout, and no other', () => {
    expect(btcpayRoutes.map((route) => route.handler).sort()).toEqual([
      'add-funds', 'admin-list-invoice-crypto-payments', 'admin-void-invoice', 'btcpay-webhook', 'get-funds-options', 'list-crypto-currencies', 'pay-invoice',
      'pay-invoices-together', 'paypal-webhook', 'stripe-webhook',
    ]);
    // Those reach BTCPay through the crypto composition, or close checkouts of every method.
    for (const route of btcpayRoutes) {
      const source = readFileSync(join(projectRoot, 'functions', 'handlers', `${route.handler}.ts`), 'utf8');
      expect(/composition\/(crypto|payments)/.test(source), route.handler).toBe(true);
    }
  });

  it('lets only those routes read the BTCPay secret, and tells them the server and the established-customer rule', () => {
    const options = synth.templates.Options!;
    for (const route of routes) {
      const fn = functionFor(route, options);
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      const crypto = { BTCPAY_SECRET_ARN: env.BTCPAY_SECRET_ARN, BTCPAY_URL: env.BTCPAY_URL, CRYPTO_MIN_ACCOUNT_AGE_DAYS: env.CRYPTO_MIN_ACCOUNT_AGE_DAYS, CRYPTO_MIN_PAID_INVOICES: env.CRYPTO_MIN_PAID_INVOICES };
      if (btcpayRoutes.includes(route)) {
        expect(secretsRead(fn, options), route.handler).toContain(btcpaySecretArn);
        expect(crypto, route.handler).toEqual({
          BTCPAY_SECRET_ARN: btcpaySecretArn, BTCPAY_URL: 'https://btcpay.acme-hosting.net', CRYPTO_MIN_ACCOUNT_AGE_DAYS: '60', CRYPTO_MIN_PAID_INVOICES: '3',
        });
      } else {
        expect(secretsRead(fn, options), route.handler).not.toContain(btcpaySecretArn);
        expect(Object.values(crypto).filter(Boolean), route.handler).toEqual([]);
      }
    }
  });

  it('sets no BTCPay settings when none are given: the crypto routes answer that crypto is not set up', () => {
    for (const route of routes) {
      const env = functionFor(route).Properties.Environment.Variables as Record<string, unknown>;
      expect(env.BTCPAY_URL, route.handler).toBeUndefined();
      expect(env.BTCPAY_SECRET_ARN, route.handler).toBeUndefined();
    }
  });
});

describe('table', () => {
  it('is kept on stack deletion, deletion-protected, with point-in-time recovery and a stream of both images', () => {
    const tables = resources('AWS::DynamoDB::GlobalTable');
    expect(tables).toHaveLength(1);
    const [, table] = tables[0]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(table.Properties.Replicas).toEqual([
      expect.objectContaining({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      }),
    ]);
  });

  it('has string keys PK/SK and the indexes GSI1..GSI3 projecting all attributes', () => {
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: ['GSI1', 'GSI2', 'GSI3'].map((name) => ({
        IndexName: name,
        KeySchema: [
          { AttributeName: `${name}PK`, KeyType: 'HASH' },
          { AttributeName: `${name}SK`, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });
});

describe('HTTP API', () => {
  it('has one route per table entry: a JWT authorizer on customer and admin routes, none on public or webhook ones', () => {
    const apiRoutes = resources('AWS::ApiGatewayV2::Route');
    expect(apiRoutes).toHaveLength(routes.length);
    const [[authorizerId]] = resources('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    for (const route of routes) {
      const found = apiRoutes.filter(([, r]) => r.Properties.RouteKey === `${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toHaveLength(1);
      const props = found[0]![1].Properties;
      if (tokenless.has(route.access)) {
        expect(props.AuthorizationType, route.path).toBe('NONE');
        expect(props.AuthorizerId, route.path).toBeUndefined();
      } else {
        expect(props.AuthorizationType, route.path).toBe('JWT');
        expect(props.AuthorizerId, route.path).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('accepts only tokens the user pool issued to the web app client', () => {
    const [[, authorizer]] = resources('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([{ Ref: expect.stringMatching(/^AuthUserPoolWebClient/) }]);
    expect(renderCfn(authorizer.Properties.JwtConfiguration.Issuer)).toMatch(
      /^https:\/\/cognito-idp\.\$\{AWS::Region\}\.amazonaws\.com\/\$\{AuthUserPool[0-9A-F]+\}$/,
    );
  });

  it('logs access to a log group and throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiAccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it('answers CORS preflights only for the origins it is given', () => {
    const [[, api]] = resources('AWS::ApiGatewayV2::Api') as [[string, Resource]];
    expect(api.Properties.CorsConfiguration).toBeUndefined();
    synth.templates.Options!.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      // No idempotency-key: no handler reads one, so a browser must not be told it is honoured.
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['http://localhost:5173'], AllowHeaders: ['authorization', 'content-type'] }),
    });
  });
});

describe('sign-in', () => {
  it('lets only staff create users, signs in by email, and recovers accounts by email', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
      UsernameAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
    const [[, pool]] = resources('AWS::Cognito::UserPool') as [[string, Resource]];
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has a public web client for password, SRP and refresh-token sign-in, and an admin group', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admin' });
  });
});

describe('web app', () => {
  function securityHeaders(): Record<string, any> {
    const [[, policy]] = resources('AWS::CloudFront::ResponseHeadersPolicy') as [[string, Resource]];
    return policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
  }

  it('sends a strict Content-Security-Policy that allows only itself, the API and Cognito', () => {
    const csp = renderCfn(securityHeaders().ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = Object.fromEntries(
      csp.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name!, values];
      }),
    );
    expect(directives).toEqual({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'connect-src': [
        "'self'",
        expect.stringMatching(/^\$\{ApiHttpApi[0-9A-F]+\.ApiEndpoint\}$/),
        'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}',
      ],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
    });
  });

  it('sends HSTS, nosniff and a referrer policy', () => {
    const headers = securityHeaders();
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
  });

  it('serves a private bucket through origin access control, index.html at the root', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([
          Match.objectLike({
            S3OriginConfig: { OriginAccessIdentity: '' },
            OriginAccessControlId: { 'Fn::GetAtt': [Match.anyValue(), 'Id'] },
          }),
        ]),
      }),
    });
    for (const [, bucket] of resources('AWS::S3::Bucket')) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
        SSEAlgorithm: 'AES256',
      });
    }
  });

  it("sends the API's paths to the API uncached, with the viewer's headers except Host", () => {
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig;
    const behaviors = config.CacheBehaviors as Record<string, any>[];
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(apiPathPatterns(routes.map((route) => route.path)));
    expect(behaviors.map((b) => b.PathPattern)).toEqual(expect.arrayContaining(['/openapi.json', '/v1/*']));
    const apiOrigin = (config.Origins as Record<string, any>[]).find((origin) => origin.CustomOriginConfig);
    expect(renderCfn(apiOrigin!.DomainName)).toMatch(/^\$\{ApiHttpApi[0-9A-F]+\}\.execute-api\./);
    for (const behavior of behaviors) {
      expect(behavior.TargetOriginId).toBe(apiOrigin!.Id);
      expect(behavior.CachePolicyId).toBe(cachingDisabled);
      expect(behavior.OriginRequestPolicyId).toBe(allViewerExceptHostHeader);
      expect(behavior.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'PATCH', 'DELETE']));
    }
  });

  it("falls back to index.html on the bucket's behaviour only, so API errors reach the app unchanged", () => {
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, Resource]];
    const config = distribution.Properties.DistributionConfig;
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^WebSpaFallback/), 'FunctionARN'] } },
    ]);
    for (const behavior of config.CacheBehaviors as Record<string, any>[]) {
      expect(behavior.FunctionAssociations).toBeUndefined();
    }
  });

  it('rewrites client-side routes to index.html and leaves files alone', () => {
    const [[, fn]] = resources('AWS::CloudFront::Function') as [[string, Resource]];
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (e: unknown) => { uri: string };
    const uriFor = (uri: string) => handler({ request: { uri } }).uri;
    expect(uriFor('/invoices/inv_42')).toBe('/index.html');
    expect(uriFor('/')).toBe('/index.html');
    expect(uriFor('/assets/app-4f2a.js')).toBe('/assets/app-4f2a.js');
    expect(uriFor('/config.json')).toBe('/config.json');
  });

  it('deploys hashed assets as immutable and everything else, with config.json, as no-cache', () => {
    const deployments = resources('Custom::CDKBucketDeployment');
    const assets = deployments.find(([id]) => id.startsWith('WebDeployAssets'))![1];
    const app = deployments.find(([id]) => id.startsWith('WebDeployApp'))![1];
    expect(assets.Properties.DestinationBucketKeyPrefix).toBe('assets/');
    expect(assets.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(app.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(app.Properties.SourceObjectKeys).toHaveLength(2);
    expect(app.Properties.DistributionPaths).toEqual(['/*']);
  });

  it('fills config.json with the user pool and client ids at deploy time', () => {
    const [, app] = resources('Custom::CDKBucketDeployment').find(([id]) => id.startsWith('WebDeployApp'))!;
    const markers = (app.Properties.SourceMarkers as Record<string, unknown>[]).flatMap((m) => Object.values(m));
    expect(markers).toEqual(
      expect.arrayContaining([
        { Ref: expect.stringMatching(/^AuthUserPool[0-9A-F]+$/) },
        { Ref: expect.stringMatching(/^AuthUserPoolWebClient/) },
      ]),
    );
  });

  it('still synthesizes before the web app is built, with a placeholder page', () => {
    const deployments = resources('Custom::CDKBucketDeployment', synth.templates.Unbuilt!);
    expect(deployments.map(([id]) => id)).toEqual([expect.stringMatching(/^WebDeployApp/)]);
    expect(deployments[0]![1].Properties.SourceObjectKeys).toHaveLength(2);
  });

  it('derives the API path patterns from the route paths', () => {
    expect(apiPathPatterns(['/v1/me', '/v1/invoices/{id}', '/openapi.json', '/webhooks/stripe', '/webhooks/paypal'])).toEqual([
      '/openapi.json',
      '/v1/*',
      '/webhooks/*',
    ]);
  });
});

describe('template', () => {
  it('has no dependency cycle between resources (CloudFormation would only find one at deploy)', () => {
    const all = template.toJSON().Resources as Record<string, { DependsOn?: string | string[] } & Record<string, unknown>>;
    const edges = new Map<string, Set<string>>();
    const collect = (value: unknown, into: Set<string>): void => {
      if (Array.isArray(value)) value.forEach((v) => collect(v, into));
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'Ref' && typeof v === 'string' && v in all) into.add(v);
          else if (key === 'Fn::GetAtt' && Array.isArray(v) && typeof v[0] === 'string' && v[0] in all) into.add(v[0]);
          else collect(v, into);
        }
      }
    };
    for (const [id, resource] of Object.entries(all)) {
      const deps = new Set<string>([resource.DependsOn ?? []].flat());
      collect(resource, deps);
      edges.set(id, deps);
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(id)), id].join(' -> '));
        return;
      }
      state.set(id, 'visiting');
      for (const dep of edges.get(id) ?? []) visit(dep, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of edges.keys()) visit(id, []);
    expect(cycles).toEqual([]);
  });
});

describe('outputs', () => {
  it('names the web and API URLs, the distribution for DNS, the user pool and client ids, the table, the event bus and the alarm topic', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual([
      'AlarmTopicArn', 'ApiUrl', 'DistributionDomainName', 'EventBusArn', 'EventBusName', 'TableName', 'UserPoolClientId', 'UserPoolId', 'WebUrl',
    ]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('finds no unacknowledged error or warning in any variant of the stack', () => {
    const report = new AwsSolutionsChecks().validateScope(synth.app);
    const findings = report.violations.flatMap((v) =>
      v.violatingResources.map((r) => `${v.severity} ${v.ruleName} at ${r.constructPath}`),
    );
    expect(findings).toEqual([]);
  });

  it('reports what it is not told about (the check is live)', () => {
    const stack = new Stack(new App(), 'Probe');
    new Bucket(stack, 'Unlogged');
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
  });

  it('gives every acknowledgement a specific reason', () => {
    const acks = acknowledgements(synth.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(40);
    }
  });

  it('acknowledges nothing on the table, the API functions or their roles', () => {
    const onCode = acknowledgements(synth.app).filter(
      (ack) => /^Billing\/(Data|Api\/(?!HttpApi\/))/.test(ack.path),
    );
    expect(onCode).toEqual([]);
  });
});
