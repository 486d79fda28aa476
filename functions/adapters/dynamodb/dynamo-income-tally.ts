import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { CalendarDate } from '../../domain/calendar-date.js';
import type { PaymentMethod } from '../../domain/payment.js';
import type { DayIncome, IncomeTally, TalliedPayment } from '../../ports/income-tally.js';

/** How often a transaction cancelled by another one on the same day item is tried again. */
const CONFLICT_ATTEMPTS = 8;

/** The partition of one time zone's day items (`SK` = the day, `YYYY-MM-DD`). */
export const incomeDaysPartition = (timeZone: string) => `STATS#income#${timeZone}`;

/** The claim that a payment was counted in `timeZone`'s days: kept for good, so it is never counted twice. */
export const incomeClaimKey = (timeZone: string, method: string, externalId: string) =>
  ({ PK: `TALLY#${timeZone}#${method}#${externalId}`, SK: 'TALLY' });

const SUM = 'sum#';
const COUNT = 'count#';

/** A day item as the `ADD`s leave it, for seeding a table in bulk (the dashboard benchmark). */
export function incomeDayItem(timeZone: string, day: CalendarDate, income: readonly Omit<DayIncome, 'day'>[]): Record<string, unknown> {
  const item: Record<string, unknown> = { PK: incomeDaysPartition(timeZone), SK: day, type: 'income-day' };
  for (const { currency, method, amountMinor, count } of income) {
    item[`${SUM}${currency}#${method}`] = ((item[`${SUM}${currency}#${method}`] as number | undefined) ?? 0) + amountMinor;
    item[`${COUNT}${currency}#${method}`] = ((item[`${COUNT}${currency}#${method}`] as number | undefined) ?? 0) + count;
  }
  return item;
}

/**
 * Income per day as one item per (time zone, day), `PK = STATS#income#<timeZone>`, `SK = <YYYY-MM-DD>`,
 * holding a sum (minor units) and a count per `<currency>#<method>` as top-level numbers
 * (`sum#EUR#card`, `count#EUR#card`), so that one UpdateItem `ADD` creates or grows them.
 *
 * Counting a payment is one TransactWriteItems: the claim item put on condition it does not exist,
 * and the day's `ADD`. Both happen or neither: a second call finds the claim and adds nothing. A
 * transaction cancelled by another one on the same day item (`TransactionConflict`) is tried again.
 * A day item takes every payment of that day; at well under a thousand payments a second it stays
 * within one item's write throughput.
 */
export class DynamoIncomeTally implements IncomeTally {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly tableName: string) {}

  async add(payment: TalliedPayment): Promise<'added' | 'already_added'> {
    const bucket = `${payment.amount.currency}#${payment.method}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...incomeClaimKey(payment.timeZone, payment.method, payment.externalId), type: 'income-claim', day: payment.day },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: { PK: incomeDaysPartition(payment.timeZone), SK: payment.day },
                UpdateExpression: 'SET #type = :type ADD #sum :amount, #count :one',
                ExpressionAttributeNames: { '#type': 'type', '#sum': `${SUM}${bucket}`, '#count': `${COUNT}${bucket}` },
                ExpressionAttributeValues: { ':type': 'income-day', ':amount': payment.amount.amountMinor, ':one': 1 },
              },
            },
          ],
        }));
        return 'added';
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
        if (codes[0] === 'ConditionalCheckFailed') return 'already_added';
        if (!codes.includes('TransactionConflict') || attempt >= CONFLICT_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async days(timeZone: string, range: { from: CalendarDate; to: CalendarDate }): Promise<DayIncome[]> {
    const found: DayIncome[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': incomeDaysPartition(timeZone), ':from': range.from, ':to': range.to },
        ExclusiveStartKey: startKey,
      }));
      for (const item of page.Items ?? []) found.push(...dayIncomeOf(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  }
}

function dayIncomeOf(item: Record<string, unknown>): DayIncome[] {
  return Object.keys(item).filter((name) => name.startsWith(SUM)).sort().map((name) => {
    const [currency, method] = name.slice(SUM.length).split('#') as [string, PaymentMethod];
    return {
      day: item['SK'] as CalendarDate, currency, method,
      amountMinor: item[name] as number, count: (item[`${COUNT}${currency}#${method}`] as number | undefined) ?? 0,
    };
  });
}
