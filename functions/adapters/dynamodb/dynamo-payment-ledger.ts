import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { currency, money } from '../../domain/money.js';
import type { LedgerEntry, LedgerEntryKind } from '../../domain/ledger-entry.js';
import type { OfflinePaymentDetails, Payment, PaymentMethod, PaymentRefund } from '../../domain/payment.js';
import type { Refund } from '../../domain/refund.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import { refundItem } from './dynamo-refund-records.js';
import { activityPut } from './activity-item.js';
import { toInvoiceItem } from './invoice-item.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { allCustomers, indexes, keys } from './keys.js';
import { outboxPut } from './outbox-item.js';
import { type ProcessorFeeItem, fromProcessorFeeItem, toProcessorFeeItem } from './dynamo-payment-fee-records.js';
import { type TransactItem, creditItems, creditLimitReached } from './ledger-items.js';
import type { Page } from '../../ports/page.js';

/** How a payment's refund is stored: its amount in minor units, in the payment's currency. */
interface RefundItem { status: PaymentRefund['status']; amountMinor: number; requestedAt: string; refundId?: string; failure?: string }

/** A payment read back from its item (the payment item, or an invoice's allocation line of it). */
export const paymentFromItem = (i: Record<string, unknown>): Payment => {
  const code = currency(i['currency'] as string);
  const refund = i['refund'] as RefundItem | undefined;
  return {
    method: i['method'] as PaymentMethod,
    externalId: i['externalId'] as string,
    customerId: i['customerId'] as string,
    ...(i['invoiceId'] ? { invoiceId: i['invoiceId'] as string } : {}),
    amount: money(i['amount'] as number, code),
    appliedToInvoice: money(i['appliedToInvoice'] as number, code),
    receivedAt: i['receivedAt'] as string,
    ...(i['unowed'] ? { unowed: true } : {}),
    ...(i['card'] ? { card: i['card'] as { brand: string; last4: string } } : {}),
    ...(i['offline'] ? { offline: i['offline'] as OfflinePaymentDetails } : {}),
    ...(i['processorFee'] ? { processorFee: fromProcessorFeeItem(i['processorFee'] as ProcessorFeeItem) } : {}),
    ...(typeof i['refundedTotal'] === 'number' && i['refundedTotal'] > 0 ? {
      refunded: { total: money(i['refundedTotal'], code), fromInvoice: money((i['refundedFromInvoice'] as number | undefined) ?? 0, code) },
    } : {}),
    ...(i['allocations'] ? {
      allocations: (i['allocations'] as Array<{ invoiceId: string; amount: number }>).map((a) => ({ invoiceId: a.invoiceId, amount: money(a.amount, code) })),
    } : {}),
    ...(refund ? {
      refund: {
        status: refund.status, amount: money(refund.amountMinor, code), requestedAt: refund.requestedAt,
        ...(refund.refundId ? { refundId: refund.refundId } : {}), ...(refund.failure ? { failure: refund.failure } : {}),
      },
    } : {}),
  };
};

/**
 * A payment as stored: keyed by its external id, listed under its customer on GSI1, under its invoice
 * on GSI2, and with every payment by the time received on GSI3 (`PAYMENTS`).
 */
export const paymentItem = (payment: Payment) => {
  const { refund: _refund, refunded: _refunded, allocations, processorFee, ...rest } = payment;
  return {
    ...keys.payment(payment.method, payment.externalId),
    ...(payment.invoiceId ? invoiceIndex(payment.invoiceId, payment) : {}),
    GSI1PK: `CUSTOMER#${payment.customerId}`,
    GSI1SK: `PAYMENT#${payment.receivedAt}#${payment.method}#${payment.externalId}`,
    // Every customer's payments by time, for income figures; the allocation lines stay out of it.
    GSI3PK: allCustomers.payments,
    GSI3SK: `${payment.receivedAt}#${payment.method}#${payment.externalId}`,
    type: 'payment',
    ...rest,
    amount: payment.amount.amountMinor,
    currency: payment.amount.currency,
    appliedToInvoice: payment.appliedToInvoice.amountMinor,
    ...(allocations ? { allocations: allocationsItem(payment) } : {}),
    ...(processorFee ? { processorFee: toProcessorFeeItem(processorFee) } : {}),
  };
};

const allocationsItem = (payment: Payment) => payment.allocations!.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount.amountMinor }));

const invoiceIndex = (invoiceId: string, payment: Payment) => ({
  GSI2PK: `INVOICE#${invoiceId}`, GSI2SK: `PAYMENT#${payment.receivedAt}#${payment.externalId}`,
});

/**
 * What a payment for several invoices gave one of them, listed under that invoice on GSI2 in the shape
 * of a payment (its amount the whole payment, `appliedToInvoice` this invoice's share), so each
 * invoice's history shows the combined payment naming all of them.
 */
const allocationItem = (payment: Payment, invoiceId: string, share: number) => ({
  ...keys.paymentAllocation(payment.method, payment.externalId, invoiceId),
  ...invoiceIndex(invoiceId, payment),
  type: 'payment-allocation',
  method: payment.method, externalId: payment.externalId, customerId: payment.customerId, invoiceId,
  amount: payment.amount.amountMinor, currency: payment.amount.currency, appliedToInvoice: share, receivedAt: payment.receivedAt,
  allocations: allocationsItem(payment),
  ...(payment.card ? { card: payment.card } : {}),
  ...(payment.offline ? { offline: payment.offline } : {}),
});

/** A ledger entry read back from its item. */
export const entryFromItem = (i: Record<string, unknown>): LedgerEntry => ({
  id: i['id'] as string,
  customerId: i['customerId'] as string,
  kind: i['kind'] as LedgerEntryKind,
  amount: money(i['amount'] as number, currency(i['currency'] as string)),
  createdAt: i['createdAt'] as string,
  description: i['description'] as string,
  ...(i['invoiceId'] ? { invoiceId: i['invoiceId'] as string } : {}),
  ...(i['externalPaymentId'] ? { externalPaymentId: i['externalPaymentId'] as string } : {}),
  ...(i['invoiceIds'] ? { invoiceIds: i['invoiceIds'] as string[] } : {}),
  ...(i['actor'] ? { actor: i['actor'] as { id: string; name: string } } : {}),
});

/**
 * Every money movement in one TransactWriteItems: the payment (put only if its external id is new),
 * the invoice (on condition of the version read), the ledger entry (never overwritten) and the
 * customer's balance (on condition it stays ≥ 0). DynamoDB applies all of it or none.
 */
export class DynamoPaymentLedger implements PaymentLedger {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async recordPayment(input: Parameters<PaymentLedger['recordPayment']>[0]): Promise<'recorded' | 'duplicate' | 'stale' | 'insufficient_credit'> {
    const { payment, credit } = input;
    const invoices = [...(input.invoice ? [input.invoice] : []), ...(input.invoices ?? [])];
    const items: TransactItem[] = [{
      Put: {
        TableName: this.tableName,
        Item: paymentItem(payment),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }];
    for (const allocation of payment.allocations ?? []) {
      items.push({ Put: { TableName: this.tableName, Item: allocationItem(payment, allocation.invoiceId, allocation.amount.amountMinor) } });
    }
    for (const invoice of invoices) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: toInvoiceItem(invoice.next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': invoice.expectedVersion },
        },
      });
    }
    // The invoices' activity lines go before the credit items, whose balance condition must stay last.
    for (const activity of input.activity ?? []) items.push(activityPut(this.tableName, activity));
    if (credit) items.push(...creditItems(this.tableName, credit));
    // Last, so that the reasons of the items above keep their places.
    items.push(...outboxPut(this.tableName, input.effects ?? [], new Date()));
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'recorded';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // One reason per item, in the order sent: the payment, the invoices, then the entry and the balance.
      const reasons = (error.CancellationReasons ?? []).map(({ Code }) => Code);
      if (reasons[0] === 'ConditionalCheckFailed') return 'duplicate';
      const firstInvoice = 1 + (payment.allocations?.length ?? 0);
      if (reasons.slice(firstInvoice, firstInvoice + invoices.length).includes('ConditionalCheckFailed')) return 'stale';
      if (reasons.includes('TransactionConflict')) return 'stale';
      const balanceAt = items.length - 1 - (input.effects?.length ? 1 : 0);
      if (credit && reasons[balanceAt] === 'ConditionalCheckFailed') {
        const limit = creditLimitReached(credit, error);
        if (limit) throw limit;
        return 'insufficient_credit';
      }
      throw error;
    }
  }

  async addEntry(entry: LedgerEntry): Promise<'recorded' | 'insufficient_credit'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: creditItems(this.tableName, entry) }));
        return 'recorded';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = (error.CancellationReasons ?? []).map(({ Code }) => Code);
        if (reasons[1] === 'ConditionalCheckFailed') {
          const limit = creditLimitReached(entry, error);
          if (limit) throw limit;
          return 'insufficient_credit';
        }
        if (!reasons.includes('TransactionConflict') || attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
      }
    }
  }

  async findPayment(method: PaymentMethod, externalId: string): Promise<Payment | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: keys.payment(method, externalId), ConsistentRead: true }));
    return Item ? paymentFromItem(Item) : undefined;
  }

  async noteCard(payment: Payment, card: { brand: string; last4: string }): Promise<void> {
    // The payment, and each invoice's line of it when it paid several.
    const items = [
      keys.payment(payment.method, payment.externalId),
      ...(payment.allocations ?? []).map((a) => keys.paymentAllocation(payment.method, payment.externalId, a.invoiceId)),
    ];
    await Promise.all(items.map((key) => this.db.send(new UpdateCommand({
      TableName: this.tableName,
      Key: key,
      UpdateExpression: 'SET card = :card',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(card)',
      ExpressionAttributeValues: { ':card': { brand: card.brand, last4: card.last4 } },
    })).catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    })));
  }

  async listInvoicePayments(invoiceId: string): Promise<Payment[]> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: indexes.byStatus.name,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :payment)',
      ExpressionAttributeNames: { '#pk': indexes.byStatus.pk, '#sk': indexes.byStatus.sk },
      ExpressionAttributeValues: { ':pk': `INVOICE#${invoiceId}`, ':payment': 'PAYMENT#' },
    }));
    return Items.map(paymentFromItem);
  }

  async startRefund(input: { payment: Payment; entry: LedgerEntry; refundedAt: Date; listed: Refund }): Promise<'started' | 'pending' | 'finished' | 'spent'> {
    const { payment, entry } = input;
    const refund: RefundItem = { status: 'pending', amountMinor: -entry.amount.amountMinor, requestedAt: input.refundedAt.toISOString() };
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.payment(payment.method, payment.externalId),
              UpdateExpression: 'SET refund = :refund',
              // Not once staff have refunded part of it: the whole amount may no longer be there to give back.
              ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(refund) AND (attribute_not_exists(refundedTotal) OR refundedTotal = :none)',
              ExpressionAttributeValues: { ':refund': refund, ':none': 0 },
            },
          },
          ...creditItems(this.tableName, entry),
          { Put: { TableName: this.tableName, Item: { ...refundItem(input.listed), ...keys.unowedRefund(payment.method, payment.externalId) } } },
        ],
      }));
      return 'started';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [onPayment, , onBalance] = (error.CancellationReasons ?? []).map(({ Code }) => Code);
      if (onPayment === 'ConditionalCheckFailed') {
        const current = await this.findPayment(payment.method, payment.externalId);
        return current?.refund?.status === 'pending' ? 'pending' : 'finished';
      }
      if (onBalance === 'ConditionalCheckFailed') return 'spent';
      throw error;
    }
  }

  async finishRefund(payment: Payment, refundId: string): Promise<void> {
    const onPayment = {
      TableName: this.tableName,
      Key: keys.payment(payment.method, payment.externalId),
      UpdateExpression: 'SET refund.#status = :refunded, refund.refundId = :id',
      ConditionExpression: 'refund.#status IN (:pending, :refunded)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':refunded': 'refunded', ':pending': 'pending', ':id': refundId },
    };
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          { Update: onPayment },
          {
            Update: {
              TableName: this.tableName,
              Key: keys.unowedRefund(payment.method, payment.externalId),
              UpdateExpression: 'SET #status = :refunded, providerRefundId = :id',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':refunded': 'refunded', ':id': refundId },
            },
          },
        ],
      }));
    } catch (error) {
      // A refund started before refunds of money not owed were listed has no listing: finish the payment alone.
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []).map(({ Code }) => Code) : [];
      if (reasons[1] !== 'ConditionalCheckFailed' || reasons[0] === 'ConditionalCheckFailed') throw error;
      await this.db.send(new UpdateCommand(onPayment));
    }
  }

  async failRefund(payment: Payment, reversal: LedgerEntry, failure: string): Promise<void> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.payment(payment.method, payment.externalId),
              UpdateExpression: 'SET refund.#status = :failed, refund.failure = :failure',
              ConditionExpression: 'refund.#status = :pending',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':failed': 'failed', ':pending': 'pending', ':failure': failure },
            },
          },
          ...creditItems(this.tableName, reversal),
          // No money went back: the refunds report does not list it.
          { Delete: { TableName: this.tableName, Key: keys.unowedRefund(payment.method, payment.externalId) } },
        ],
      }));
    } catch (error) {
      // Failed before: the amount is back in credit already.
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  async listEntriesBetween(customerId: string, range: { from?: string; to?: string; cursor?: string; limit: number }): Promise<Page<LedgerEntry>> {
    const pk = keys.customer(customerId).PK;
    // Entries sort by `LEDGER#<createdAt>#<id>`: `LEDGER#<to>` sorts before every entry made at `to`, so
    // `to` is exclusive and `from` inclusive; '~' sorts after every timestamp.
    const lower = `LEDGER#${range.from ?? ''}`;
    const upper = range.to ? `LEDGER#${range.to}` : 'LEDGER#~';
    const { Items = [], LastEvaluatedKey } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lower AND :upper',
      ExpressionAttributeValues: { ':pk': pk, ':lower': lower, ':upper': upper },
      ScanIndexForward: true,
      Limit: range.limit,
      ConsistentRead: true,
      ExclusiveStartKey: decodeCursor(range.cursor, { keys: ['PK', 'SK'], partition: { attribute: 'PK', value: pk }, sortKey: { attribute: 'SK', prefix: 'LEDGER#' } }),
    }));
    const nextCursor = encodeCursor(LastEvaluatedKey);
    return { items: Items.map(entryFromItem), ...(nextCursor ? { nextCursor } : {}) };
  }

  async balanceBefore(customerId: string, entry: Pick<LedgerEntry, 'createdAt' | 'id'>): Promise<number> {
    const pk = keys.customer(customerId).PK;
    const before = keys.ledgerEntry(customerId, entry.createdAt, entry.id).SK;
    let total = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :first AND :before',
        ExpressionAttributeValues: { ':pk': pk, ':first': 'LEDGER#', ':before': before },
        ProjectionExpression: 'amount, SK',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) if (item['SK'] !== before) total += item['amount'] as number;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return total;
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
