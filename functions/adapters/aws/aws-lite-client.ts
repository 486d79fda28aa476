import awsLite from '@aws-lite/client';

export type AwsLiteClient = Awaited<ReturnType<typeof awsLite>>;

/**
 * An aws-lite client for one region: the AWS client every function carries (small, made for Lambda
 * cold starts). In Lambda it signs with the function's role from the environment; given a local
 * `endpoint` (DynamoDB Local, cognito-local, a test stand-in) it talks to that with dummy credentials.
 */
export function awsLiteClient(options: {
  region: string;
  endpoint?: string | undefined;
  plugins?: unknown[];
  awsjsonMarshall?: Record<string, unknown>;
}): Promise<AwsLiteClient> {
  const local = options.endpoint ? new URL(options.endpoint) : undefined;
  return awsLite({
    region: options.region,
    autoloadPlugins: false,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.awsjsonMarshall ? { awsjsonMarshall: options.awsjsonMarshall } : {}),
    ...(local
      ? { protocol: local.protocol.replace(':', ''), host: local.hostname, port: Number(local.port), accessKeyId: 'local', secretAccessKey: 'local' }
      : {}),
  } as Parameters<typeof awsLite>[0]);
}

/** A call to an AWS JSON-protocol API (Cognito, Secrets Manager) that aws-lite has no plugin for. */
export async function callJsonApi(
  client: AwsLiteClient,
  request: { service: string; target: string; payload: Record<string, unknown> },
): Promise<unknown> {
  const { payload } = await client({
    service: request.service,
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': request.target },
    // A plain JSON body: aws-lite would otherwise encode it as DynamoDB-style AWS JSON.
    awsjson: false,
    payload: request.payload,
  });
  return payload;
}
