import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { ActivityActor } from '../../domain/invoice-activity.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { currency, money } from '../../domain/money.js';
import type { Payment, PaymentMethod } from '../../domain/payment.js';
import type { Refund, RefundDestination } from '../../domain/refund.js';
import type { InvoiceChange, PaymentKey, RefundRecords } from '../../ports/refund-records.js';
import { activityPut } from './activity-item.js';
import { toInvoiceItem } from './invoice-item.js';
import { allCustomers, keys } from './keys.js';
import { type TransactItem, creditItems, creditLimitReached } from './ledger-items.js';

/** A refund as stored, under its payment: amounts in minor units of the payment's currency. */
export function refundItem(r: Refund): Record<string, unknown> {
  return {
    ...keys.refund(r.payment.method, r.payment.externalId, r.requestId),
    // Every customer's refunds by the time they were asked for, for the refunds report.
    GSI3PK: allCustomers.refunds,
    GSI3SK: `${r.requestedAt}#${r.payment.method}#${r.payment.externalId}#${r.requestId}`,
    type: 'refund',
    requestId: r.requestId, method: r.payment.method, paymentId: r.payment.externalId, customerId: r.customerId,
    ...(r.payment.invoiceId ? { invoiceId: r.payment.invoiceId } : {}),
    currency: r.amount.currency, amount: r.amount.amountMinor, destination: r.destination,
    fromInvoice: r.fromInvoice.amountMinor, fromCredit: r.fromCredit.amountMinor,
    invoices: r.invoices.map((s) => ({ invoiceId: s.invoiceId, amount: s.amount.amountMinor })),
    status: r.status, requestedAt: r.requestedAt, by: r.by,
    ...(r.refundedAt ? { refundedAt: r.refundedAt } : {}),
    ...(r.providerRefundId ? { providerRefundId: r.providerRefundId } : {}),
  };
}

/** A refund read back from its item. */
export function refundFromItem(i: Record<string, unknown>): Refund {
  const code = currency(i['currency'] as string);
  return {
    requestId: i['requestId'] as string,
    payment: {
      method: i['method'] as PaymentMethod, externalId: i['paymentId'] as string, ...(i['invoiceId'] ? { invoiceId: i['invoiceId'] as string } : {}),
    },
    customerId: i['customerId'] as string,
    amount: money(i['amount'] as number, code),
    destination: i['destination'] as RefundDestination,
    fromInvoice: money(i['fromInvoice'] as number, code),
    fromCredit: money(i['fromCredit'] as number, code),
    invoices: (i['invoices'] as Array<{ invoiceId: string; amount: number }>).map((s) => ({ invoiceId: s.invoiceId, amount: money(s.amount, code) })),
    status: i['status'] as Refund['status'],
    requestedAt: i['requestedAt'] as string,
    by: i['by'] as ActivityActor,
    ...(i['refundedAt'] ? { refundedAt: i['refundedAt'] as string } : {}),
    ...(i['providerRefundId'] ? { providerRefundId: i['providerRefundId'] as string } : {}),
  };
}

const reasonsOf = (error: TransactionCanceledException) => (error.CancellationReasons ?? []).map(({ Code }) => Code);
const failed = (code: string | undefined) => code === 'ConditionalCheckFailed';

/**
 * Refunds in the payment's partition (`REFUND#<request id>`), their provider ids claimed beside them
 * (`PROVIDER_REFUND#<id>`), and the payment's running totals (`refundedTotal`, `refundedFromInvoice`)
 * on the payment item, each change one TransactWriteItems with the invoices, ledger entry, balance and
 * activity lines it moves. See ACCESS-PATTERNS.md.
 */
export class DynamoRefundRecords implements RefundRecords {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async find(payment: PaymentKey, requestId: string): Promise<Refund | undefined> {
    const { Item } = await this.db.send(new GetCommand({
      TableName: this.tableName, Key: keys.refund(payment.method, payment.externalId, requestId), ConsistentRead: true,
    }));
    return Item ? refundFromItem(Item) : undefined;
  }

  async findByProviderRefund(payment: PaymentKey, providerRefundId: string): Promise<Refund | undefined> {
    const { Item } = await this.db.send(new GetCommand({
      TableName: this.tableName, Key: keys.providerRefund(payment.method, payment.externalId, providerRefundId), ConsistentRead: true,
    }));
    return Item ? this.find(payment, Item['requestId'] as string) : undefined;
  }

  async list(payment: PaymentKey): Promise<Refund[]> {
    const { Items = [] } = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :refund)',
      ExpressionAttributeValues: { ':pk': keys.payment(payment.method, payment.externalId).PK, ':refund': 'REFUND#' },
      ConsistentRead: true,
    }));
    return Items.map(refundFromItem).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  async reserve(input: { payment: Payment; refund: Refund; credit?: LedgerEntry }): Promise<'reserved' | 'duplicate' | 'stale' | 'insufficient_credit'> {
    const items = [this.moveTotals(input.payment, input.refund), this.putRefund(input.refund), ...this.creditOf(input.credit)];
    const reasons = await this.transact(items);
    if (!reasons) return 'reserved';
    if (failed(reasons[1])) return 'duplicate';
    if (failed(reasons[0]) || reasons.includes('TransactionConflict')) return 'stale';
    if (input.credit && failed(reasons[3])) return this.balanceFailure(input.credit, reasons);
    throw new Error(`Refund ${input.refund.requestId} could not be reserved: ${reasons.join(', ')}`);
  }

  async complete(input: { refund: Refund; invoices: readonly InvoiceChange[]; activity: Parameters<RefundRecords['complete']>[0]['activity'] }) {
    const { refund } = input;
    const items: TransactItem[] = [
      {
        Update: {
          TableName: this.tableName,
          Key: keys.refund(refund.payment.method, refund.payment.externalId, refund.requestId),
          UpdateExpression: 'SET #status = :refunded, providerRefundId = :id, refundedAt = :at',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':refunded': 'refunded', ':pending': 'pending', ':id': refund.providerRefundId, ':at': refund.refundedAt },
        },
      },
      this.claim(refund),
      ...input.invoices.map((change) => this.putInvoice(change)),
      ...input.activity.map((activity) => activityPut(this.tableName, activity)),
    ];
    const reasons = await this.transact(items);
    if (!reasons) return 'completed' as const;
    if (failed(reasons[0])) return 'already_completed' as const;
    if (failed(reasons[1])) return 'refund_id_taken' as const;
    if (reasons.some(failed) || reasons.includes('TransactionConflict')) return 'stale' as const;
    throw new Error(`Refund ${refund.requestId} could not be completed: ${reasons.join(', ')}`);
  }

  async release(input: { refund: Refund; giveBack?: LedgerEntry }): Promise<void> {
    const { refund } = input;
    const items: TransactItem[] = [
      {
        Delete: {
          TableName: this.tableName,
          Key: keys.refund(refund.payment.method, refund.payment.externalId, refund.requestId),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        },
      },
      {
        Update: {
          TableName: this.tableName,
          Key: keys.payment(refund.payment.method, refund.payment.externalId),
          // Its own amount comes off, whatever other refunds have added meanwhile.
          UpdateExpression: 'ADD refundedTotal :total, refundedFromInvoice :fromInvoice',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':total': -refund.amount.amountMinor, ':fromInvoice': -refund.fromInvoice.amountMinor },
        },
      },
      ...this.creditOf(input.giveBack),
    ];
    for (let attempt = 0; ; attempt++) {
      const reasons = await this.transact(items);
      if (!reasons || failed(reasons[0])) return;
      if (!reasons.includes('TransactionConflict') || attempt >= 10) {
        throw new Error(`Refund ${refund.requestId} could not be released: ${reasons.join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
  }

  async record(input: Parameters<RefundRecords['record']>[0]): Promise<'recorded' | 'duplicate' | 'stale' | 'insufficient_credit' | 'refund_id_taken'> {
    const { refund } = input;
    const claims = refund.providerRefundId ? [this.claim(refund)] : [];
    const items: TransactItem[] = [
      this.moveTotals(input.payment, refund),
      this.putRefund(refund),
      ...claims,
      ...input.invoices.map((change) => this.putInvoice(change)),
      ...input.activity.map((activity) => activityPut(this.tableName, activity)),
      ...this.creditOf(input.credit),
    ];
    const reasons = await this.transact(items);
    if (!reasons) return 'recorded';
    if (failed(reasons[1])) return 'duplicate';
    if (claims.length && failed(reasons[2])) return 'refund_id_taken';
    if (input.credit && failed(reasons[reasons.length - 1])) return this.balanceFailure(input.credit, reasons);
    if (reasons.some(failed) || reasons.includes('TransactionConflict')) return 'stale';
    throw new Error(`Refund ${refund.requestId} could not be recorded: ${reasons.join(', ')}`);
  }

  /** A failed balance condition: too little credit to take, or (credit given) the account's maximum reached. */
  private balanceFailure(credit: LedgerEntry, reasons: readonly (string | undefined)[]): 'insufficient_credit' {
    const limit = creditLimitReached(credit, new Error(`Balance condition failed: ${reasons.join(', ')}`));
    if (limit) throw limit;
    return 'insufficient_credit';
  }

  /** Runs a transaction; its cancellation reasons, one per item in order, or undefined when it was written. */
  private async transact(items: TransactItem[]): Promise<Array<string | undefined> | undefined> {
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return undefined;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      return reasonsOf(error);
    }
  }

  /**
   * Adds a refund to the payment's totals, on condition that the totals, and the automatic refund of
   * money not owed, are still what `payment` was read with: the one guard against refunding more
   * than was paid, however many refunds run at once.
   */
  private moveTotals(payment: Payment, refund: Refund): TransactItem {
    const was = payment.refunded?.total.amountMinor ?? 0;
    const wasFromInvoice = payment.refunded?.fromInvoice.amountMinor ?? 0;
    const automatic = !payment.refund
      ? 'attribute_not_exists(refund)'
      : payment.refund.status === 'failed' ? 'refund.#status = :failed' : 'refund.#status IN (:pending, :refunded)';
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.payment(payment.method, payment.externalId),
        UpdateExpression: 'SET refundedTotal = :total, refundedFromInvoice = :fromInvoice',
        ConditionExpression: `attribute_exists(PK) AND ${was === 0 ? '(attribute_not_exists(refundedTotal) OR refundedTotal = :was)' : 'refundedTotal = :was'} AND ${automatic}`,
        ...(payment.refund ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: {
          ':total': was + refund.amount.amountMinor, ':fromInvoice': wasFromInvoice + refund.fromInvoice.amountMinor, ':was': was,
          ...(payment.refund ? (payment.refund.status === 'failed' ? { ':failed': 'failed' } : { ':pending': 'pending', ':refunded': 'refunded' }) : {}),
        },
      },
    };
  }

  private putRefund(refund: Refund): TransactItem {
    return { Put: { TableName: this.tableName, Item: refundItem(refund), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  /** The provider's refund id, taken once for good: a second record of the same refund cancels. */
  private claim(refund: Refund): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.providerRefund(refund.payment.method, refund.payment.externalId, refund.providerRefundId!), type: 'provider-refund', requestId: refund.requestId },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  private putInvoice(change: InvoiceChange): TransactItem {
    return {
      Put: {
        TableName: this.tableName, Item: toInvoiceItem(change.next),
        ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': change.expectedVersion },
      },
    };
  }

  private creditOf(entry: LedgerEntry | undefined): TransactItem[] {
    return entry ? creditItems(this.tableName, entry) : [];
  }
}
