import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

export interface EdgeWebAclStackProps extends StackProps {
  /** The account of the billing stack; the region is always us-east-1. */
  readonly account: string;
  /** Requests one IP may make in any 5 minutes before it is blocked for a while. */
  readonly rateLimit: number;
}

/** The answer a blocked client gets, in the API's own error shape (DESIGN.md: 429). */
const tooManyRequests = JSON.stringify({
  error: { code: 'rate_limited', message: 'Too many requests from your address. Please wait a few minutes and try again.' },
});

/**
 * A CloudFront web ACL, which AWS only accepts in us-east-1, so it gets a small stack of its own
 * there; the billing stack reads its ARN through CDK's cross-region references. One rule: more than
 * `rateLimit` requests from one IP in 5 minutes are answered 429 until the rate falls. Payment
 * providers' webhooks are left out of the count: a burst of events from one provider address is
 * normal, and each is verified by its signature anyway.
 */
export class EdgeWebAclStack extends Stack {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeWebAclStackProps) {
    super(scope, id, {
      ...props,
      env: { account: props.account, region: 'us-east-1' },
      crossRegionReferences: true,
      terminationProtection: props.terminationProtection ?? true,
    });
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: this.stackName,
      description: 'Billing web app and API: per-IP rate limit',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: metric(`${this.stackName}-all`),
      customResponseBodies: { tooManyRequests: { contentType: 'APPLICATION_JSON', content: tooManyRequests } },
      rules: [
        {
          name: 'RateLimitPerIp',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'tooManyRequests' } } },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimit,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: '/webhooks/',
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
          visibilityConfig: metric(`${this.stackName}-rate-limit`),
        },
      ],
    });
    new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn });
  }
}
