import awsLite from '@aws-lite/client';

/**
 * Reads a JSON secret from AWS Secrets Manager (GetSecretValue) with aws-lite, the client the
 * functions already carry for DynamoDB: the AWS SDK's Secrets Manager client would add about 250 KB and
 * tens of milliseconds to the cold start of every card-payment function.
 */
export async function readJsonSecret(secretArn: string, region: string): Promise<Record<string, unknown>> {
  const aws = await awsLite({ region, autoloadPlugins: false } as Parameters<typeof awsLite>[0]);
  const { payload } = await aws({
    service: 'secretsmanager',
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
    payload: { SecretId: secretArn },
  });
  const text = (payload as { SecretString?: string }).SecretString;
  if (!text) throw new Error(`Secret ${secretArn} has no SecretString`);
  return JSON.parse(text) as Record<string, unknown>;
}
