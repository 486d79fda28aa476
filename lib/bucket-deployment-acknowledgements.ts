import { DefaultStackSynthesizer, type Stack, Token, Validations } from 'aws-cdk-lib';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * BucketDeployment runs a CDK-provided function, created once per stack, whose role aws-cdk-lib
 * writes: it copies the build from the CDK asset bucket into the site bucket and invalidates the
 * distribution. Each finding is acknowledged by its exact id, so a new one still fails synth.
 */
export function acknowledgeBucketDeploymentHandler(stack: Stack, site: Bucket): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) return;
  const siteLogicalId = stack.getLogicalId(site.node.defaultChild as CfnBucket);
  // Written as CDK renders it: placeholders when the stack is environment-agnostic, literals when
  // `cdk deploy` knows the account and region.
  const known = !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region);
  const [partition, account, region] = known
    ? [RegionInfo.get(stack.region).partition ?? 'aws', stack.account, stack.region]
    : ['<AWS::Partition>', '<AWS::AccountId>', '<AWS::Region>'];
  const assetBucket = `arn:${partition}:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}/*`;
  const copy = 'CDK BucketDeployment handler: copies the built web app from the CDK asset bucket into the site bucket';
  Validations.of(handler).acknowledge(
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK BucketDeployment handler: the basic execution policy only lets it write its own logs.',
    },
    {
      id: 'AwsSolutions-L1',
      reason: 'CDK BucketDeployment handler: its runtime is chosen and updated by aws-cdk-lib, not by this project.',
    },
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${copy}; aws-cdk-lib grants read with ${action} on those two buckets only.`,
    })),
    ...['s3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: `${copy}; aws-cdk-lib grants write with ${action} on the site bucket only.`,
    })),
    {
      id: `AwsSolutions-IAM5[Resource::${assetBucket}]`,
      reason: `${copy}; it reads objects from this stack's CDK asset bucket, whose keys are content hashes.`,
    },
    {
      id: `AwsSolutions-IAM5[Resource::<${siteLogicalId}.Arn>/*]`,
      reason: `${copy}; it writes every object of the site bucket, which holds nothing but the web app.`,
    },
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'CDK BucketDeployment handler: cloudfront:CreateInvalidation supports no resource-level permissions.',
    },
  );
}
