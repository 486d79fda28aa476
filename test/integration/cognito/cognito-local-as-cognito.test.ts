import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AdminCreateUserCommand, ChangePasswordCommand, CognitoIdentityProviderClient, ConfirmForgotPasswordCommand, ForgotPasswordCommand,
  InitiateAuthCommand, InvalidPasswordException, NotAuthorizedException, RespondToAuthChallengeCommand, UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoLocal, cognitoLocalClient, createUser, ensureUserPool, startCognitoLocal } from '../../../local/cognito-local.js';
import { type MailServer, startMailServer } from '../../../local/mail.js';
import { expiredCopyOf } from '../api/client.js';

/**
 * Our cognito-local launcher (local/cognito-local-server.cjs) behaves as Cognito does where the app
 * depends on it: the email signs in, and resets its password, in any letter case (the pool is not
 * case sensitive, as `signInCaseSensitive: false` makes it in AWS), and ChangePassword checks the
 * token's expiry, the current password and the pool's password policy, answering as Cognito does;
 * a first sign-in's new password and a reset password meet the same policy.
 */
describe('cognito-local as Cognito', { timeout: 60_000 }, () => {
  let mail: MailServer;
  let cognito: CognitoLocal;
  let dataDir: string;
  let client: CognitoIdentityProviderClient;
  let userPoolId = '';
  let clientId = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cognito-as-cognito-test-'));
    mail = await startMailServer();
    cognito = await startCognitoLocal({ dataDir, mail: { endpoint: mail.endpoint, from: 'billing@example.test' }, fixedCode: '135790' });
    ({ userPoolId, clientId } = await ensureUserPool(cognito.endpoint));
    client = cognitoLocalClient(cognito.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await cognito?.stop();
    await mail?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const signIn = async (email: string, password: string) => (await client.send(new InitiateAuthCommand({
    ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: password },
  }))).AuthenticationResult;
  const failureOf = async (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

  it('signs a user in with their email in any letter case, and the password still only as it was set', async () => {
    const { sub } = await createUser(cognito.endpoint, userPoolId, { email: 'alice@example.com', password: 'Alice-passw0rd' });

    const tokens = await signIn('Alice@Example.COM', 'Alice-passw0rd');
    const wrongCasePassword = await failureOf(signIn('ALICE@EXAMPLE.COM', 'alice-PASSW0RD'));
    const someoneElse = await failureOf(signIn('Alicia@Example.COM', 'Alice-passw0rd'));

    expect(JSON.parse(Buffer.from(tokens!.AccessToken!.split('.')[1]!, 'base64url').toString()).sub).toBe(sub);
    expect(wrongCasePassword).toBeDefined();
    expect(someoneElse).toBeDefined();
  });

  it('resets the password of an email typed in another letter case, sending the code to the address on file', async () => {
    await createUser(cognito.endpoint, userPoolId, { email: 'bruno@example.com', password: 'Bruno-passw0rd' });

    const sent = await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'BRUNO@example.COM' }));
    await client.send(new ConfirmForgotPasswordCommand({
      ClientId: clientId, Username: 'Bruno@Example.com', ConfirmationCode: '135790', Password: 'Bruno-new-passw0rd',
    }));
    const codeEmail = (await mail.listEmails()).filter((e) => e.to.includes('bruno@example.com')).at(-1);

    expect(sent.CodeDeliveryDetails?.Destination).toBe('bruno@example.com');
    expect(codeEmail?.text).toContain('135790');
    expect((await signIn('bruno@EXAMPLE.com', 'Bruno-new-passw0rd'))?.AccessToken).toBeTruthy();
    expect(await failureOf(signIn('bruno@example.com', 'Bruno-passw0rd'))).toBeDefined();
  });

  it('refuses a second user whose email differs only in letter case', async () => {
    const twin = await failureOf(client.send(new AdminCreateUserCommand({
      UserPoolId: userPoolId, Username: 'ALICE@example.com', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'ALICE@example.com' }],
    })));

    expect(twin).toBeInstanceOf(UsernameExistsException);
  });

  it('changes a password with the access token and the current password, as Cognito does', async () => {
    await createUser(cognito.endpoint, userPoolId, { email: 'carla@example.com', password: 'Carla-passw0rd' });
    const { AccessToken } = (await signIn('carla@example.com', 'Carla-passw0rd'))!;
    const change = (PreviousPassword: string, ProposedPassword: string, token = AccessToken!) =>
      client.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword, ProposedPassword }));

    const wrongCurrent = await failureOf(change('Not-my-passw0rd', 'Carla-next-passw0rd'));
    const tooWeak = await failureOf(change('Carla-passw0rd', 'short'));
    const noSymbol = await failureOf(change('Carla-passw0rd', 'Carlanextpassw0rd'));
    const expired = await failureOf(change('Carla-passw0rd', 'Carla-next-passw0rd', await expiredCopyOf(AccessToken!)));
    const stillOld = await signIn('carla@example.com', 'Carla-passw0rd');
    await change('Carla-passw0rd', 'Carla-next-passw0rd');

    expect(wrongCurrent).toBeInstanceOf(NotAuthorizedException);
    expect(tooWeak).toBeInstanceOf(InvalidPasswordException);
    expect(noSymbol).toBeInstanceOf(InvalidPasswordException);
    expect(expired).toBeInstanceOf(NotAuthorizedException);
    expect(stillOld?.AccessToken).toBeTruthy();
    expect((await signIn('Carla@example.com', 'Carla-next-passw0rd'))?.AccessToken).toBeTruthy();
    expect(await failureOf(signIn('carla@example.com', 'Carla-passw0rd'))).toBeDefined();
  });

  it('refuses a first sign-in\'s new password outside the pool\'s policy, as Cognito does, and takes one inside it', async () => {
    await client.send(new AdminCreateUserCommand({
      UserPoolId: userPoolId, Username: 'dora@example.com', TemporaryPassword: 'Temp-passw0rd!', MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'dora@example.com' }],
    }));
    const challenge = await client.send(new InitiateAuthCommand({
      ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'dora@example.com', PASSWORD: 'Temp-passw0rd!' },
    }));
    const respond = (NEW_PASSWORD: string) => client.send(new RespondToAuthChallengeCommand({
      ClientId: clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: challenge.Session,
      ChallengeResponses: { USERNAME: 'dora@example.com', NEW_PASSWORD },
    }));

    const fiveCharacters = await failureOf(respond('Ab1!x'));
    const noUpperCase = await failureOf(respond('dora-new-passw0rd'));
    const accepted = await respond('Dora-new-passw0rd');

    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(fiveCharacters).toBeInstanceOf(InvalidPasswordException);
    expect(noUpperCase).toBeInstanceOf(InvalidPasswordException);
    expect(accepted.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('refuses a reset password outside the pool\'s policy, keeping the old one, as Cognito does', async () => {
    await createUser(cognito.endpoint, userPoolId, { email: 'emil@example.com', password: 'Emil-passw0rd!' });
    await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'emil@example.com' }));
    const reset = (Password: string) => client.send(new ConfirmForgotPasswordCommand({
      ClientId: clientId, Username: 'emil@example.com', ConfirmationCode: '135790', Password,
    }));

    const fiveCharacters = await failureOf(reset('Ab1!x'));
    const noSymbol = await failureOf(reset('Emilnewpassw0rd'));

    expect(fiveCharacters).toBeInstanceOf(InvalidPasswordException);
    expect(noSymbol).toBeInstanceOf(InvalidPasswordException);
    expect((await signIn('emil@example.com', 'Emil-passw0rd!'))?.AccessToken).toBeTruthy();
  });
});
