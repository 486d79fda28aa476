import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../domain/errors.js';
import { money } from '../../domain/money.js';
import type { PaymentMethod } from '../../domain/payment.js';
import type { ProcessorFee } from '../../domain/processor-fee.js';
import type { PaymentFeeRecords } from '../../ports/payment-fee-records.js';
import { keys } from './keys.js';

/** A processor fee as stored on its payment item: amounts in minor units beside their currency. */
export interface ProcessorFeeItem {
  amount: number;
  currency: string;
  settledAmount: number;
  exchangeRate?: number;
  details: Array<{ amount: number; type: string; description: string }>;
  basisPoints: number;
  flagged: boolean;
  recordedAt: string;
}

export function toProcessorFeeItem(fee: ProcessorFee): ProcessorFeeItem {
  return {
    amount: fee.fee.amountMinor,
    currency: fee.fee.currency,
    settledAmount: fee.settled.amountMinor,
    ...(fee.exchangeRate !== undefined ? { exchangeRate: fee.exchangeRate } : {}),
    details: fee.details.map((d) => ({ amount: d.amountMinor, type: d.type, description: d.description })),
    basisPoints: fee.basisPoints,
    flagged: fee.flagged,
    recordedAt: fee.recordedAt,
  };
}

export function fromProcessorFeeItem(i: ProcessorFeeItem): ProcessorFee {
  return {
    fee: money(i.amount, i.currency),
    settled: money(i.settledAmount, i.currency),
    ...(i.exchangeRate !== undefined ? { exchangeRate: i.exchangeRate } : {}),
    details: i.details.map((d) => ({ amountMinor: d.amount, type: d.type, description: d.description })),
    basisPoints: i.basisPoints,
    flagged: i.flagged,
    recordedAt: i.recordedAt,
  };
}

/**
 * The fee is an attribute of the payment item (`processorFee`), SET on condition the payment exists
 * and has none: the first write wins, a redelivery changes nothing. The payment's GSI3 entry
 * (`PAYMENTS`, by time) then carries it to the dashboard and the fees report.
 */
export class DynamoPaymentFeeRecords implements PaymentFeeRecords {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async record(payment: { method: PaymentMethod; externalId: string }, fee: ProcessorFee): Promise<'recorded' | 'already_recorded'> {
    const key = keys.payment(payment.method, payment.externalId);
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.tableName,
        Key: key,
        UpdateExpression: 'SET processorFee = :fee',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(processorFee)',
        ExpressionAttributeValues: { ':fee': toProcessorFeeItem(fee) },
      }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ProjectionExpression: 'PK', ConsistentRead: true }));
      if (!Item) throw new NotFoundError('Payment');
      return 'already_recorded';
    }
  }
}
