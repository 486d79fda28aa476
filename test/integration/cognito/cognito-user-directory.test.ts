import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminSetUserPasswordCommand, CognitoIdentityProviderClient, InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STAND_IN_CALL_LIMITS, awsClientOptions } from '../../../functions/adapters/aws/aws-client-options.js';
import { CognitoUserDirectory } from '../../../functions/adapters/cognito/cognito-user-directory.js';
import { ConflictError, NotFoundError } from '../../../functions/domain/errors.js';
import { type CognitoLocal, ensureUserPool, startCognitoLocal } from '../../../local/cognito-local.js';
import { type MailServer, startMailServer } from '../../../local/mail.js';

/**
 * The Cognito adapter on the real SDK client, against cognito-local (with our launcher's RESEND) and
 * the local mail server: what a person would find in their inbox, and which password lets them in.
 */
describe('CognitoUserDirectory against cognito-local', { timeout: 60_000 }, () => {
  let mail: MailServer;
  let cognito: CognitoLocal;
  let dataDir: string;
  let client: CognitoIdentityProviderClient;
  let directory: CognitoUserDirectory;
  let clientId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cognito-directory-test-'));
    mail = await startMailServer();
    // No fixed code: each temporary password is random, so a resent one can be told from the first.
    cognito = await startCognitoLocal({ dataDir, mail: { endpoint: mail.endpoint, from: 'billing@example.test' } });
    const pool = await ensureUserPool(cognito.endpoint);
    clientId = pool.clientId;
    client = new CognitoIdentityProviderClient(awsClientOptions({ region: 'us-east-1', endpoint: cognito.endpoint, limits: LOCAL_STAND_IN_CALL_LIMITS }));
    directory = new CognitoUserDirectory(client, pool.userPoolId);
  });
  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
    await mail?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The temporary passwords in the invitations `email` received, oldest first. */
  async function temporaryPasswords(email: string): Promise<string[]> {
    const invitations = (await mail.listEmails()).filter((e) => e.to.includes(email) && e.subject === 'Your temporary password');
    return invitations.map((e) => /temporary password is (\S+?)\.?\s*$/.exec(e.text ?? '')?.[1] ?? '');
  }

  /** What signing in with `password` gets: Cognito's challenge to choose a password, or the error's name. */
  async function signIn(email: string, password: string): Promise<string> {
    try {
      const result = await client.send(new InitiateAuthCommand({
        ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password },
      }));
      return result.ChallengeName ?? 'signed-in';
    } catch (error) {
      return (error as Error).name;
    }
  }

  it('invites a user by email with a temporary password that asks for a new one at sign-in', async () => {
    const { userSub } = await directory.inviteUser({ email: 'dana@example.com', name: 'Dana' });

    expect(userSub).toMatch(/^[0-9a-f-]{36}$/);
    const [password] = await temporaryPasswords('dana@example.com');
    expect(await signIn('dana@example.com', password!)).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('refuses a second invitation for the same email with a ConflictError', async () => {
    await directory.inviteUser({ email: 'eli@example.com', name: 'Eli' });

    await expect(directory.inviteUser({ email: 'eli@example.com', name: 'Eli again' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('resends the invitation by email with a new temporary password', async () => {
    await directory.inviteUser({ email: 'fay@example.com', name: 'Fay' });

    expect(await directory.resendInvitation('fay@example.com')).toBe('sent');

    const [first, second] = await temporaryPasswords('fay@example.com');
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
    // (cognito-local challenges a user awaiting their first password before it checks the password
    // given, so whether the old one still works cannot be told here; Cognito replaces it.)
    expect(await signIn('fay@example.com', second!)).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('answers already-active, and sends nothing, once the user has set their own password', async () => {
    const { userPoolId } = await ensureUserPool(cognito.endpoint);
    await directory.inviteUser({ email: 'gus@example.com', name: 'Gus' });
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: 'gus@example.com', Password: 'Own-passw0rd!', Permanent: true }));

    expect(await directory.resendInvitation('gus@example.com')).toBe('already-active');
    expect(await temporaryPasswords('gus@example.com')).toHaveLength(1);
  });

  it('answers NotFoundError for an email with no user', async () => {
    await expect(directory.resendInvitation('nobody@example.com')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes a user, and takes a user already gone as deleted', async () => {
    await directory.inviteUser({ email: 'hal@example.com', name: 'Hal' });

    await directory.deleteUser('hal@example.com');
    await directory.deleteUser('hal@example.com');

    await expect(directory.resendInvitation('hal@example.com')).rejects.toBeInstanceOf(NotFoundError);
  });
});
