import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { currency, money } from '../../domain/money.js';
import type { PaymentBatch, PaymentBatches } from '../../ports/payment-batches.js';
import { keys } from './keys.js';

/** Mass-pay batches, one item each, written once and never changed. */
export class DynamoPaymentBatches implements PaymentBatches {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async save(batch: PaymentBatch): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.tableName,
      Item: {
        ...keys.paymentBatch(batch.id), type: 'payment-batch', id: batch.id, customerId: batch.customerId,
        currency: batch.total.currency, total: batch.total.amountMinor, createdAt: batch.createdAt,
        invoices: batch.invoices.map((i) => ({ invoiceId: i.invoiceId, amount: i.amount.amountMinor })),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }));
  }

  async get(id: string): Promise<PaymentBatch | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.paymentBatch(id), ConsistentRead: true }));
    if (!Item) return undefined;
    const code = currency(Item['currency'] as string);
    return {
      id: Item['id'] as string,
      customerId: Item['customerId'] as string,
      total: money(Item['total'] as number, code),
      createdAt: Item['createdAt'] as string,
      invoices: (Item['invoices'] as Array<{ invoiceId: string; amount: number }>).map((i) => ({ invoiceId: i.invoiceId, amount: money(i.amount, code) })),
    };
  }
}
