import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { currency, money } from '../../domain/money.js';
import type { LedgerEntry, LedgerEntryKind } from '../../domain/ledger-entry.js';
import type { Payment, PaymentMethod } from '../../domain/payment.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import { toInvoiceItem } from './invoice-item.js';
import { keys } from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const paymentFromItem = (i: Record<string, unknown>): Payment => {
  const code = currency(i['currency'] as string);
  return {
    method: i['method'] as PaymentMethod,
    externalId: i['externalId'] as string,
    customerId: i['customerId'] as string,
    ...(i['invoiceId'] ? { invoiceId: i['invoiceId'] as string } : {}),
    amount: money(i['amount'] as number, code),
    appliedToInvoice: money(i['appliedToInvoice'] as number, code),
    receivedAt: i['receivedAt'] as string,
  };
};

const entryFromItem = (i: Record<string, unknown>): LedgerEntry => ({
  id: i['id'] as string,
  customerId: i['customerId'] as string,
  kind: i['kind'] as LedgerEntryKind,
  amount: money(i['amount'] as number, currency(i['currency'] as string)),
  createdAt: i['createdAt'] as string,
  description: i['description'] as string,
  ...(i['invoiceId'] ? { invoiceId: i['invoiceId'] as string } : {}),
  ...(i['externalPaymentId'] ? { externalPaymentId: i['externalPaymentId'] as string } : {}),
});

/**
 * Every money movement in one TransactWriteItems: the payment (put only if its external id is new),
 * the invoice (on condition of the version read), the ledger entry (never overwritten) and the
 * customer's balance (on condition it stays ≥ 0). DynamoDB applies all of it or none.
 */
export class DynamoPaymentLedger implements PaymentLedger {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async recordPayment(input: Parameters<PaymentLedger['recordPayment']>[0]): Promise<'recorded' | 'duplicate' | 'stale'> {
    const { payment, invoice, credit } = input;
    const items: TransactItem[] = [{
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.payment(payment.method, payment.externalId),
          type: 'payment',
          ...payment,
          amount: payment.amount.amountMinor,
          currency: payment.amount.currency,
          appliedToInvoice: payment.appliedToInvoice.amountMinor,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }];
    if (invoice) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: toInvoiceItem(invoice.next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': invoice.expectedVersion },
        },
      });
    }
    if (credit) items.push(...this.creditItems(credit));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // One reason per item, in the order sent: the payment first, then the invoice.
      const reasons = (error.CancellationReasons ?? []).map(({ Code }) => Code);
      if (reasons[0] === 'ConditionalCheckFailed') return 'duplicate';
      if (invoice && reasons[1] === 'ConditionalCheckFailed') return 'stale';
      if (reasons.includes('TransactionConflict')) return 'stale';
      throw error;
    }
  }

  /** A ledger entry and the balance it moves, the balance never going below zero. */
  private creditItems(entry: LedgerEntry): TransactItem[] {
    return [
      {
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.ledgerEntry(entry.customerId, entry.createdAt, entry.id),
            type: 'ledger-entry',
            ...entry,
            amount: entry.amount.amountMinor,
            currency: entry.amount.currency,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.customer(entry.customerId),
          UpdateExpression: 'ADD creditBalance :delta',
          ConditionExpression: 'attribute_exists(PK) AND currency = :currency AND creditBalance >= :floor',
          ExpressionAttributeValues: {
            ':delta': entry.amount.amountMinor,
            ':currency': entry.amount.currency,
            ':floor': Math.max(0, -entry.amount.amountMinor),
          },
        },
      },
    ];
  }

  async findPayment(method: PaymentMethod, externalId: string): Promise<Payment | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.payment(method, externalId), ConsistentRead: true }));
    return Item ? paymentFromItem(Item) : undefined;
  }

  async listEntries(customerId: string, limit: number): Promise<LedgerEntry[]> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ledger)',
      ExpressionAttributeValues: { ':pk': keys.customer(customerId).PK, ':ledger': 'LEDGER#' },
      ScanIndexForward: false,
      Limit: limit,
      ConsistentRead: true,
    }));
    return Items.map(entryFromItem);
  }
}
