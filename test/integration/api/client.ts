import { createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { SignJWT, decodeJwt, importPKCS8 } from 'jose';
import { type LocalSystem, startLocalSystem } from '../../../local/system.js';

/** Signs in through cognito-local as the web app does and returns the access token. */
export async function signIn(system: LocalSystem, email: string, password: string): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: system.cognito.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const { AuthenticationResult } = await cognito.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH', ClientId: system.cognito.clientId, AuthParameters: { USERNAME: email, PASSWORD: password },
    }));
    return AuthenticationResult!.AccessToken!;
  } finally {
    cognito.destroy();
  }
}

/**
 * A copy of a real token with some claims changed (or removed, with `undefined`), signed with
 * cognito-local's own key: it ships one fixed key pair in its npm package, so anyone can do this.
 */
export async function forgedCopyOf(token: string, changes: Record<string, unknown>): Promise<string> {
  const require = createRequire(import.meta.url);
  const keyFile = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');
  const { pem } = JSON.parse(await readFile(keyFile, 'utf8')) as { pem: string };
  const claims = Object.fromEntries(Object.entries({ ...decodeJwt(token), ...changes }).filter(([, value]) => value !== undefined));
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'CognitoLocal' })
    .sign(await importPKCS8(createPrivateKey(pem).export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256'));
}

/** A copy of a real token with its expiry moved into the past, so that only the expiry makes it invalid. */
export async function expiredCopyOf(token: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return forgedCopyOf(token, { iat: now - 7200, exp: now - 3600 });
}

export interface ApiResponse { status: number; body: any; headers: Headers }

export async function call(system: LocalSystem, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiResponse> {
  const response = await fetch(`${system.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
  return { status: response.status, body, headers: response.headers };
}

/** A fresh in-memory local system, with the seeded staff user and first customer signed in. */
export async function startSignedIn(): Promise<{ system: LocalSystem; admin: string; alice: string; aliceId: string }> {
  const system = await startLocalSystem({ port: 0, inMemory: true });
  const customer = system.logins.customers[0]!;
  return {
    system,
    admin: await signIn(system, system.logins.admin.email, system.logins.admin.password),
    alice: await signIn(system, customer.email, customer.password),
    aliceId: customer.customerId,
  };
}
