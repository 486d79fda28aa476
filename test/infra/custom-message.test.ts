import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, fakeWebBuild, seller, synthesize } from './synth.js';

describe('Cognito’s emails through the Custom Message trigger', () => {
  let synth: Synthesized;
  beforeAll(() => { synth = synthesize({ Billing: { webDistDir: fakeWebBuild() }, Branded: { webDistDir: fakeWebBuild(), appUrl: 'https://billing.acme-hosting.net' } }); });

  it('wires the user pool’s Custom Message trigger to a function that knows the seller and the app’s address', () => {
    const t = synth.templates.Branded!;
    const functions = t.findResources('AWS::Lambda::Function', { Properties: { Description: 'Cognito custom message: invitation and password-reset emails' } });
    const [id, fn] = Object.entries(functions)[0]!;
    expect(Object.keys(functions)).toHaveLength(1);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      SELLER_NAME: seller.name, SELLER_ADDRESS: seller.address, SELLER_EMAIL: seller.email, APP_URL: 'https://billing.acme-hosting.net',
    });
    expect(fn.Properties.Timeout).toBe(5);
    t.hasResourceProperties('AWS::Cognito::UserPool', { LambdaConfig: { CustomMessage: { 'Fn::GetAtt': [id, 'Arn'] } } });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction', Principal: 'cognito-idp.amazonaws.com', FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
    });
    // It only renders text: its role may write its logs and nothing else.
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(t.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleId }]) } }));
    const actions = policies.flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()));
    expect(actions.every((a: string) => a.startsWith('logs:'))).toBe(true);
  });

  it('links to the CloudFront address when no appUrl is given', () => {
    const fn = Object.values(synth.templates.Billing!.findResources('AWS::Lambda::Function', {
      Properties: { Description: 'Cognito custom message: invitation and password-reset emails' },
    }))[0]!;
    expect(JSON.stringify(fn.Properties.Environment.Variables.APP_URL)).toContain('DomainName');
  });
});
