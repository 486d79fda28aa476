// Cognito stand-in: cognito-local as a child process on a loopback port, its state in a folder.
//
// Password-reset codes by email. Real Cognito emails the ForgotPassword code; stock cognito-local
// only prints it in its log. Of the ways to change that, we run cognito-local's own server with a
// different message delivery (local/cognito-local-server.cjs, started by us as a child process):
//  - its CustomMessage trigger only rewrites the text; delivery still goes to the console;
//  - its CustomEmailSender trigger would need a KMS emulator (the code arrives KMS-encrypted) and a
//    Lambda Invoke endpoint, two more moving parts for one email;
//  - running it inside our own process would share process.env (CODE, PORT, HOST are read from it)
//    and its aws-sdk v2 with the caller.
// The launcher wires the same services as cognito-local's lib/server/defaults.js, wrapping its
// Messages service so that each code email is also sent with SES v2 SendEmail to the local mail
// server, with the pool's verification (or invitation) template, as Cognito would.
//
// Tokens (verified against cognito-local 5.3.0, see test/integration/local-services.test.ts):
//  - Signed RS256 with kid "CognitoLocal"; one fixed key pair shipped in the package, the same for
//    every pool. JWKS at `${endpoint}/${userPoolId}/.well-known/jwks.json`. (Its
//    openid-configuration document hard-codes localhost:9229, so do not discover from it.)
//  - Issuer: exactly `http://127.0.0.1:${port}/${userPoolId}`, i.e. `${endpoint}/${userPoolId}`
//    (cognito-local builds it from the HOST and PORT we start it with). aws-jwt-verify refuses an
//    http issuer, so the local server verifies with jose.
//  - ACCESS token claims: sub, iss, client_id, token_use: "access", scope:
//    "aws.cognito.signin.user.admin", username (the user's sub when email is the username),
//    auth_time, iat, exp (24 h unless the client sets AccessTokenValidity), jti, event_id, and
//    `cognito:groups` ONLY when the user is in at least one group. No `aud` (as in real Cognito).
//  - ID token: sub, iss, aud = client id, token_use: "id", email, email_verified,
//    cognito:username, cognito:groups (if any), auth_time, iat, exp, jti, event_id.
import { createRequire } from 'node:module';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOOPBACK, spawnService, startOnPort } from './ports.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const ADMIN_GROUP = 'admin';
export const DEFAULT_POOL_NAME = 'hosting-billing';
export const DEFAULT_CLIENT_NAME = 'hosting-billing-web';

export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`, for `new CognitoIdentityProviderClient({ endpoint, ... })`. */
  readonly endpoint: string;
  readonly port: number;
  /** The `iss` claim of this server's tokens for a pool. */
  issuer(userPoolId: string): string;
  /** Where this server publishes the public key its tokens are signed with. */
  jwksUrl(userPoolId: string): string;
  stop(): Promise<void>;
}

export interface CognitoLocalOptions {
  /** 0 or undefined: a free port. The token issuer contains the port. */
  port?: number;
  /** cognito-local keeps its pools and users in `<dataDir>/.cognito/`. Created if missing. */
  dataDir: string;
  /** Where codes are emailed: the local mail server's SES endpoint, and the sender address. */
  mail: { endpoint: string; from: string };
  /** Every code (password reset, verification, temporary password) is this, for tests. */
  fixedCode?: string;
  /**
   * The user pool's Custom Message trigger: the function's name and the Lambda Invoke endpoint that
   * runs it (local/lambda-invoke.ts). Without it, emails use the pool's own templates.
   */
  customMessage?: { lambdaEndpoint: string; functionName: string };
  /** Print cognito-local's log (prefixed) to stderr. */
  echo?: boolean;
  startTimeoutMs?: number;
}

export async function startCognitoLocal(options: CognitoLocalOptions): Promise<CognitoLocal> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const { service, port } = await startOnPort({
    name: 'cognito-local',
    port: options.port,
    spawn: (port) => {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        COGNITO_LOCAL_LIB: path.dirname(require.resolve('cognito-local')),
        SESV2_CLIENT_MODULE: require.resolve('@aws-sdk/client-sesv2'),
        MAIL_ENDPOINT: options.mail.endpoint,
        MAIL_FROM: options.mail.from,
        HOST: LOOPBACK,
        PORT: String(port),
        // aws-sdk v2 (a cognito-local dependency) announces its end of support on every start.
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      };
      delete env.CODE;
      if (options.fixedCode) env.CODE = options.fixedCode;
      if (options.customMessage) {
        env.LAMBDA_ENDPOINT = options.customMessage.lambdaEndpoint;
        env.CUSTOM_MESSAGE_FUNCTION = options.customMessage.functionName;
      }
      return spawnService(process.execPath, [path.join(here, 'cognito-local-server.cjs')], {
        name: 'cognito-local',
        cwd: dataDir,
        env,
        ...(options.echo ? { echo: true } : {}),
      });
    },
    ready: async (port) => (await fetch(`http://${LOOPBACK}:${port}/health`)).ok,
    portTaken: /EADDRINUSE/,
    timeoutMs: options.startTimeoutMs ?? 30_000,
    intervalMs: 50,
  });
  const endpoint = `http://${LOOPBACK}:${port}`;
  return {
    endpoint,
    port,
    issuer: (userPoolId) => `${endpoint}/${userPoolId}`,
    jwksUrl: (userPoolId) => `${endpoint}/${userPoolId}/.well-known/jwks.json`,
    stop: () => service.stop(),
  };
}

/** A Cognito client for cognito-local (it accepts any credentials). The caller destroys it. */
export function cognitoLocalClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export interface UserPoolIds {
  userPoolId: string;
  clientId: string;
}

/**
 * The pool the system signs customers and staff into, created on first use: email as the username
 * (auto-verified), an app client without a secret allowing USER_PASSWORD_AUTH and
 * REFRESH_TOKEN_AUTH, and the `admin` group. Found again by the ids in `stateFile` when given, else
 * by its name.
 */
export async function ensureUserPool(
  endpoint: string,
  options: { stateFile?: string; poolName?: string; clientName?: string } = {},
): Promise<UserPoolIds> {
  const poolName = options.poolName ?? DEFAULT_POOL_NAME;
  const clientName = options.clientName ?? DEFAULT_CLIENT_NAME;
  const cognito = cognitoLocalClient(endpoint);
  try {
    const ids = (await idsFromStateFile(cognito, options.stateFile)) ?? (await idsByName(cognito, poolName, clientName));
    const userPoolId = ids?.userPoolId ?? (await createPool(cognito, poolName));
    const clientId = ids?.clientId ?? (await createClient(cognito, userPoolId, clientName));
    await ensureGroup(cognito, userPoolId, ADMIN_GROUP);
    const result = { userPoolId, clientId };
    if (options.stateFile) await writeJsonAtomically(options.stateFile, result);
    return result;
  } finally {
    cognito.destroy();
  }
}

async function idsFromStateFile(cognito: CognitoIdentityProviderClient, stateFile: string | undefined) {
  if (!stateFile) return undefined;
  let saved: Partial<UserPoolIds>;
  try {
    saved = JSON.parse(await readFile(stateFile, 'utf8')) as Partial<UserPoolIds>;
  } catch {
    return undefined;
  }
  if (!saved.userPoolId || !saved.clientId) return undefined;
  try {
    await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: saved.userPoolId, ClientId: saved.clientId }));
    return { userPoolId: saved.userPoolId, clientId: saved.clientId };
  } catch (error) {
    // The cognito-local data was wiped since: make the pool again.
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function idsByName(cognito: CognitoIdentityProviderClient, poolName: string, clientName: string) {
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  const pool = pools.UserPools?.find((p) => p.Name === poolName);
  if (!pool?.Id) return undefined;
  await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.Id }));
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: pool.Id, MaxResults: 60 }));
  const client = clients.UserPoolClients?.find((c) => c.ClientName === clientName);
  return { userPoolId: pool.Id, clientId: client?.ClientId };
}

async function createPool(cognito: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  const created = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      // The same policy as the user pool in lib/auth.ts, so the app's password hint holds in both.
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
      },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      VerificationMessageTemplate: {
        DefaultEmailOption: 'CONFIRM_WITH_CODE',
        EmailSubject: 'Your verification code',
        EmailMessage: 'Your verification code is {####}.',
      },
    }),
  );
  const id = created.UserPool?.Id;
  if (!id) throw new Error('cognito-local created a user pool without an id');
  return id;
}

async function createClient(cognito: CognitoIdentityProviderClient, userPoolId: string, clientName: string) {
  const created = await cognito.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
    }),
  );
  const id = created.UserPoolClient?.ClientId;
  if (!id) throw new Error('cognito-local created an app client without an id');
  return id;
}

async function ensureGroup(cognito: CognitoIdentityProviderClient, userPoolId: string, groupName: string) {
  // ListGroups rather than GetGroup: cognito-local 5.3.0 answers GetGroup with a 500 while a pool
  // has no group at all.
  const groups = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60 }));
  if (groups.Groups?.some((g) => g.GroupName === groupName)) return;
  await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName, Description: 'Billing staff' }));
}

async function writeJsonAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`);
  await rename(temporary, file);
}

/**
 * A confirmed user who can log in with `password` straight away (no invitation email, no forced
 * password change), in the given groups. Returns the user's `sub`, the id tokens carry.
 */
export async function createUser(
  endpoint: string,
  userPoolId: string,
  user: { email: string; password: string; groups?: readonly string[] },
): Promise<{ sub: string }> {
  const cognito = cognitoLocalClient(endpoint);
  try {
    const created = await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    const sub = created.User?.Attributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error(`cognito-local created ${user.email} without a sub`);
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        Password: user.password,
        Permanent: true,
      }),
    );
    for (const group of user.groups ?? []) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: group }));
    }
    return { sub };
  } finally {
    cognito.destroy();
  }
}

/**
 * Whether a user exists and is enabled in the pool, as the local API server asks of every token
 * (cognito-local's signing key is public, so a token is only as good as its user). A yes is kept
 * for a few seconds, so a page's burst of requests asks once; a deleted or disabled user is shut out
 * within that time. A no is never kept, so a user enabled again gets in at once.
 */
export function activeUserCheck(endpoint: string, userPoolId: string, cacheMs = 5_000): (username: string) => Promise<boolean> {
  const cognito = cognitoLocalClient(endpoint);
  const known = new Map<string, number>();
  return async (username) => {
    const checkedAt = known.get(username);
    if (checkedAt !== undefined && Date.now() - checkedAt < cacheMs) return true;
    const active = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username })).then(
      (user) => user.Enabled !== false,
      (error: unknown) => {
        if (error instanceof UserNotFoundException) return false;
        throw error;
      },
    );
    if (active) known.set(username, Date.now());
    else known.delete(username);
    return active;
  };
}
