import awsLite from '@aws-lite/client';

/**
 * Reads a JSON secret from AWS Secrets Manager (GetSecretValue) with aws-lite, the client the
 * functions already carry for DynamoDB: the AWS SDK's Secrets Manager client would add about 250 KB and
 * tens of milliseconds to the cold start of every card-payment function.
 */
export async function readJsonSecret(
  secretArn: string,
  options: { region: string; endpoint?: string | undefined },
): Promise<Record<string, unknown>> {
  const local = options.endpoint ? new URL(options.endpoint) : undefined;
  const aws = await awsLite({
    region: options.region,
    autoloadPlugins: false,
    ...(local
      ? { protocol: local.protocol.replace(':', ''), host: local.hostname, port: Number(local.port), accessKeyId: 'test', secretAccessKey: 'test' }
      : {}),
  } as Parameters<typeof awsLite>[0]);
  const { payload } = await aws({
    service: 'secretsmanager',
    method: 'POST',
    path: '/',
    // A plain JSON body: aws-lite would otherwise encode it as DynamoDB-style AWS JSON.
    awsjson: false,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' },
    payload: { SecretId: secretArn },
  });
  const text = (payload as { SecretString?: string }).SecretString;
  if (!text) throw new Error(`Secret ${secretArn} has no SecretString`);
  return JSON.parse(text) as Record<string, unknown>;
}
