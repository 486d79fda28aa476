import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EmailClaim, EmailOutcome, SentEmails } from '../../ports/sent-emails.js';
import { keys } from './keys.js';

/**
 * How long a claimed email is held by the caller sending it: longer than one send can take (the
 * reads, the PDF, and SES's worst case of 18 s: SES_WORST_CASE_CALL_MS), so a live sender is never
 * overtaken; once it has run out, a sender that died is taken over by the next try.
 */
export const EMAIL_LEASE_MS = 2 * 60_000;

/**
 * Emails claimed with one conditional put (as DynamoWebhookClaims claims webhook events): put if
 * absent, or if an earlier claim's lease ran out; on failure DynamoDB hands back the item it kept
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), which says done or in progress without a read.
 * Records have no expiry: a stream may redeliver, and staff may want to know what was sent.
 */
export class DynamoSentEmails implements SentEmails {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async claim(dedupeKey: string, now: Date, holder?: string): Promise<EmailClaim> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.sentEmail(dedupeKey), type: 'sent-email', dedupeKey,
          status: 'in_progress', claimedAt: now.toISOString(), leaseUntil: now.getTime() + EMAIL_LEASE_MS, ...(holder ? { holder } : {}),
        },
        ConditionExpression: holder
          ? 'attribute_not_exists(PK) OR (#status = :inProgress AND (leaseUntil < :now OR holder = :holder))'
          : 'attribute_not_exists(PK) OR (#status = :inProgress AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'in_progress', ':now': now.getTime(), ...(holder ? { ':holder': holder } : {}) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }));
      return 'claimed';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return error.Item?.['status']?.S === 'in_progress' ? 'in_progress' : 'done';
    }
  }

  async complete(dedupeKey: string, outcome: EmailOutcome, now: Date): Promise<void> {
    const details = outcome.status === 'sent' ? { messageId: outcome.messageId, to: outcome.to } : { reason: outcome.reason };
    await this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: keys.sentEmail(dedupeKey),
      UpdateExpression: 'SET #status = :done, outcome = :outcome, details = :details, finishedAt = :at REMOVE leaseUntil',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':outcome': outcome.status, ':details': details, ':at': now.toISOString() },
    }));
  }

  async release(dedupeKey: string): Promise<void> {
    await this.db.send(new DeleteCommand({
      TableName: this.tableName,
      Key: keys.sentEmail(dedupeKey),
      ConditionExpression: '#status = :inProgress',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':inProgress': 'in_progress' },
    })).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
  }
}
