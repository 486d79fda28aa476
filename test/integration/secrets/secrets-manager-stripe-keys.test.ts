import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETS_CALL_LIMITS, awsClientOptions } from '../../../functions/adapters/aws/aws-client-options.js';
import { stripeKeysFromSecretsManager } from '../../../functions/adapters/secrets/secrets-manager-stripe-keys.js';

/**
 * There is no Secrets Manager on this machine, so a stand-in answers GetSecretValue as AWS documents it
 * (JSON 1.1 protocol, X-Amz-Target secretsmanager.GetSecretValue, SigV4-signed) and records what it
 * was sent: the test checks that the SDK client the functions build (credentials from the
 * environment, the call limits) sends the request AWS expects, and that the answer is read right.
 */
describe('Reading the Stripe keys from Secrets Manager', () => {
  const received: Array<{ target: string | undefined; contentType: string | undefined; authorization: string | undefined; body: unknown }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => { text += c.toString(); });
    req.on('end', () => {
      const body = JSON.parse(text) as { SecretId?: unknown };
      received.push({ target: req.headers['x-amz-target'] as string, contentType: req.headers['content-type'], authorization: req.headers.authorization, body });
      if (body.SecretId !== 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/stripe-AbCdEf') {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ARN: body.SecretId, Name: 'billing/stripe', SecretString: '{"secretKey":"sk_test_x","webhookSecret":"whsec_y"}' }));
    });
  });
  let client: SecretsManagerClient;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new SecretsManagerClient(awsClientOptions({ region: 'eu-west-1', endpoint, limits: SECRETS_CALL_LIMITS }));
  });
  afterAll(() => {
    client.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('sends a signed GetSecretValue with a plain JSON body and returns the keys', async () => {
    const keys = await stripeKeysFromSecretsManager('arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/stripe-AbCdEf', { client })();
    expect(keys).toEqual({ secretKey: 'sk_test_x', webhookSecret: 'whsec_y' });
    const request = received.at(-1)!;
    expect(request.target).toBe('secretsmanager.GetSecretValue');
    expect(request.contentType).toBe('application/x-amz-json-1.1');
    expect(request.body).toEqual({ SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:billing/stripe-AbCdEf' });
    expect(request.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/eu-west-1\/secretsmanager\/aws4_request/);
  });

  it('fails with the service’s own exception as the cause when the secret does not exist', async () => {
    const error = await stripeKeysFromSecretsManager('arn:missing', { client })().then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(error.cause).toBeInstanceOf(ResourceNotFoundException);
  });
});
