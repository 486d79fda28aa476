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
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('DynamoDB Local', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'ddb-local-test-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('cancels a whole transaction when one condition fails, and keeps data across restarts', async () => {
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
  });

  it('stop() ends the process so that the port is free again', async () => {
    const db = await startDynamoDbLocal();
    const port = db.port;
    await db.stop();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

describe('aws-ses-v2-local', () => {
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
