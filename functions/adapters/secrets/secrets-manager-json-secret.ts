import { awsLiteClient, callJsonApi } from '../aws/aws-lite-client.js';

/**
 * Reads a JSON secret from AWS Secrets Manager (GetSecretValue) with aws-lite, the client the
 * functions already carry for DynamoDB: the AWS SDK's Secrets Manager client would add about 250 KB and
 * tens of milliseconds to the cold start of every card-payment function.
 */
export async function readJsonSecret(
  secretArn: string,
  options: { region: string; endpoint?: string | undefined },
): Promise<Record<string, unknown>> {
  const payload = await callJsonApi(await awsLiteClient(options), {
    service: 'secretsmanager', target: 'secretsmanager.GetSecretValue', payload: { SecretId: secretArn },
  });
  const text = (payload as { SecretString?: string }).SecretString;
  if (!text) throw new Error(`Secret ${secretArn} has no SecretString`);
  return JSON.parse(text) as Record<string, unknown>;
}
