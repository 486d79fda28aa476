// The local stand-ins of `npm start`, each started for real and used through the AWS SDK, as the
// handlers will use them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cognitoLocalClient, createUser, ensureUserPool, startCognitoLocal, type CognitoLocal } from '../../local/cognito-local.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { JavaMissingError, assertJava, parseJavaMajor } from '../../local/java.js';
import { startMailServer, type MailServer } from '../../local/mail.js';
import { ensureTable } from '../../local/table.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('Java check', () => {
  it('reads the major version of old and new version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_392"')).toBe(8);
    expect(parseJavaMajor('no java here')).toBeUndefined();
  });

  it('says in one line what to install when java is missing', () => {
    let error: unknown;
    try {
      assertJava('/nonexistent/java');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JavaMissingError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('apt-get install -y openjdk-17-jre-headless');
  });
});

// Each test here starts Java or Node processes of its own: generous timeouts for a busy 2-core CI.
describe('DynamoDB Local', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ddb-local-test-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('cancels a whole transaction when one condition fails, keeps data across restarts, and stops', async () => {
    const first = await startDynamoDbLocal({ dataDir });
    const client = new DynamoDBClient({ endpoint: first.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      expect(await ensureTable(client, 'billing')).toBe(true);
      await client.send(
        new PutItemCommand({ TableName: 'billing', Item: { PK: { S: 'INVOICE#1' }, SK: { S: 'INVOICE' }, status: { S: 'paid' } } }),
      );

      const transaction = client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'billing', Item: { PK: { S: 'LEDGER#1' }, SK: { S: 'ENTRY#1' } } } },
            {
              Update: {
                TableName: 'billing',
                Key: { PK: { S: 'INVOICE#1' }, SK: { S: 'INVOICE' } },
                UpdateExpression: 'SET #s = :paid',
                ConditionExpression: '#s = :open',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':paid': { S: 'paid' }, ':open': { S: 'open' } },
              },
            },
          ],
        }),
      );
      const error = await transaction.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TransactionCanceledException);
      expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
        'None',
        'ConditionalCheckFailed',
      ]);
      const ledger = await client.send(
        new GetItemCommand({ TableName: 'billing', Key: { PK: { S: 'LEDGER#1' }, SK: { S: 'ENTRY#1' } } }),
      );
      expect(ledger.Item).toBeUndefined();
    } finally {
      client.destroy();
      await first.stop();
    }

    // Same folder, new process, and other credentials: -sharedDb shows the same tables to everyone.
    const second = await startDynamoDbLocal({ dataDir });
    const other = new DynamoDBClient({
      endpoint: second.endpoint,
      region: 'eu-central-1',
      credentials: { accessKeyId: 'someoneElse', secretAccessKey: 'x' },
    });
    try {
      expect((await other.send(new ListTablesCommand({}))).TableNames).toEqual(['billing']);
      expect(await ensureTable(other, 'billing')).toBe(false);
    } finally {
      other.destroy();
      await second.stop();
    }
    // stop() waits for the process to end: nothing answers on its port any more.
    await expect(fetch(`${second.endpoint}/`)).rejects.toThrow();
  });

});

describe('aws-ses-v2-local', { timeout: 60_000 }, () => {
  let mail: MailServer;
  beforeAll(async () => {
    mail = await startMailServer();
  });
  afterAll(async () => {
    await mail?.stop();
  });

  it('keeps what SES v2 SendEmail sent, newest last, and shows it on its viewer page', async () => {
    const ses = new SESv2Client({ endpoint: mail.endpoint, region: LOCAL_REGION, credentials });
    try {
      for (const subject of ['Invoice INV-0001 is ready', 'Invoice INV-0001 is due in 3 days']) {
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: 'billing@example.com',
            Destination: { ToAddresses: ['customer@example.com'] },
            Content: {
              Simple: {
                Subject: { Data: subject },
                Body: { Text: { Data: `${subject}.` }, Html: { Data: `<p>${subject}.</p>` } },
              },
            },
          }),
        );
      }
    } finally {
      ses.destroy();
    }

    const emails = await mail.listEmails();
    expect(emails.map((e) => e.subject)).toEqual(['Invoice INV-0001 is ready', 'Invoice INV-0001 is due in 3 days']);
    expect(emails[1]).toMatchObject({
      from: 'billing@example.com',
      to: ['customer@example.com'],
      text: 'Invoice INV-0001 is due in 3 days.',
      html: '<p>Invoice INV-0001 is due in 3 days.</p>',
    });
    expect(Math.abs(emails[1]!.at.getTime() - Date.now())).toBeLessThan(60_000);

    const viewer = await fetch(mail.viewerUrl);
    expect(viewer.status).toBe(200);
    expect(viewer.headers.get('content-type')).toContain('text/html');

    await mail.clear();
    expect(await mail.listEmails()).toEqual([]);
  });
});

describe('cognito-local', { timeout: 60_000 }, () => {
  let mail: MailServer;
  let cognito: CognitoLocal;
  let dataDir: string;
  const start = () =>
    startCognitoLocal({ dataDir, mail: { endpoint: mail.endpoint, from: 'no-reply@billing.example' }, fixedCode: '424242' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'cognito-local-test-'));
    mail = await startMailServer();
    cognito = await start();
  });
  afterAll(async () => {
    await cognito?.stop();
    await mail?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function login(clientId: string, email: string, password: string) {
    const client = cognitoLocalClient(cognito.endpoint);
    try {
      const result = await client.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      return result.AuthenticationResult;
    } finally {
      client.destroy();
    }
  }

  it('makes the pool once, remembers it in the state file, and keeps it across restarts', async () => {
    const stateFile = path.join(dataDir, 'pool.json');
    const ids = await ensureUserPool(cognito.endpoint, { stateFile });
    expect(await ensureUserPool(cognito.endpoint, { stateFile })).toEqual(ids);
    expect(await ensureUserPool(cognito.endpoint)).toEqual(ids);

    await cognito.stop();
    cognito = await start();
    expect(await ensureUserPool(cognito.endpoint, { stateFile })).toEqual(ids);
  });

  it('issues access tokens that verify with jose against its JWKS and carry the groups', async () => {
    const { userPoolId, clientId } = await ensureUserPool(cognito.endpoint);
    const { sub } = await createUser(cognito.endpoint, userPoolId, {
      email: 'staff@billing.example',
      password: 'Staff-passw0rd',
      groups: ['admin'],
    });
    const customer = await createUser(cognito.endpoint, userPoolId, { email: 'customer@example.com', password: 'Cust-passw0rd' });

    const tokens = await login(clientId, 'staff@billing.example', 'Staff-passw0rd');
    expect(tokens?.RefreshToken).toBeTruthy();
    const jwks = createRemoteJWKSet(new URL(cognito.jwksUrl(userPoolId)));
    const { payload, protectedHeader } = await jwtVerify(tokens!.AccessToken!, jwks, {
      issuer: `${cognito.endpoint}/${userPoolId}`,
      algorithms: ['RS256'],
    });
    expect(cognito.issuer(userPoolId)).toBe(`${cognito.endpoint}/${userPoolId}`);
    expect(protectedHeader.kid).toBe('CognitoLocal');
    expect(payload).toMatchObject({ sub, client_id: clientId, token_use: 'access', 'cognito:groups': ['admin'] });
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);

    const customerTokens = await login(clientId, 'customer@example.com', 'Cust-passw0rd');
    const customerAccess = await jwtVerify(customerTokens!.AccessToken!, jwks, { issuer: cognito.issuer(userPoolId) });
    expect(customerAccess.payload.sub).toBe(customer.sub);
    expect(customerAccess.payload['cognito:groups']).toBeUndefined();
  });

  it('emails the password-reset code to the local mail server, and the new password works', async () => {
    const { userPoolId, clientId } = await ensureUserPool(cognito.endpoint);
    await createUser(cognito.endpoint, userPoolId, { email: 'forgetful@example.com', password: 'Old-passw0rd' });
    const client = cognitoLocalClient(cognito.endpoint);
    try {
      const sent = await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'forgetful@example.com' }));
      expect(sent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', Destination: 'forgetful@example.com' });

      const email = (await mail.listEmails()).filter((e) => e.to.includes('forgetful@example.com')).at(-1);
      expect(email).toMatchObject({ from: 'no-reply@billing.example', subject: 'Your verification code' });
      const code = /\b(\d{6})\b/.exec(email?.text ?? '')?.[1];
      expect(code).toBe('424242');

      await client.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'forgetful@example.com',
          ConfirmationCode: code,
          Password: 'New-passw0rd',
        }),
      );
    } finally {
      client.destroy();
    }
    expect((await login(clientId, 'forgetful@example.com', 'New-passw0rd'))?.AccessToken).toBeTruthy();
    // Real Cognito answers a wrong password with NotAuthorizedException; cognito-local 5.3.0 with
    // InvalidPasswordException.
    await expect(login(clientId, 'forgetful@example.com', 'Old-passw0rd')).rejects.toThrow(/password/i);
  });
});
