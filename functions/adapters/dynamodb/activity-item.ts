import type { ActivityActor, InvoiceActivity, InvoiceActivityKind, UnpaidChargeOutcome } from '../../domain/invoice-activity.js';
import { currency, money } from '../../domain/money.js';
import type { PaymentMethod } from '../../domain/payment.js';
import type { RefundDestination } from '../../domain/refund.js';
import { keys } from './keys.js';

/** A line of an invoice's activity log as stored: amounts in minor units, in the invoice's partition. */
export function activityItem(activity: InvoiceActivity): Record<string, unknown> {
  const { amount, applied, ...rest } = activity;
  return {
    ...keys.invoiceActivity(activity.invoiceId, activity.at, activity.id),
    type: 'invoice-activity',
    ...rest,
    ...(amount ? { amount: amount.amountMinor, currency: amount.currency } : {}),
    ...(applied ? { applied: applied.amountMinor, currency: applied.currency } : {}),
  };
}

/** A Put of a new log line, inside a transaction that makes the change it logs. */
export function activityPut(tableName: string, activity: InvoiceActivity) {
  return { Put: { TableName: tableName, Item: activityItem(activity), ConditionExpression: 'attribute_not_exists(PK)' } };
}

export function activityFromItem(i: Record<string, unknown>): InvoiceActivity {
  const code = i['currency'] ? currency(i['currency'] as string) : undefined;
  return {
    id: i['id'] as string,
    invoiceId: i['invoiceId'] as string,
    kind: i['kind'] as InvoiceActivityKind,
    at: i['at'] as string,
    by: i['by'] as ActivityActor,
    ...(code && i['amount'] !== undefined ? { amount: money(i['amount'] as number, code) } : {}),
    ...(code && i['applied'] !== undefined ? { applied: money(i['applied'] as number, code) } : {}),
    ...(i['method'] ? { method: i['method'] as PaymentMethod } : {}),
    ...(i['paymentId'] ? { paymentId: i['paymentId'] as string } : {}),
    ...(i['destination'] ? { destination: i['destination'] as RefundDestination } : {}),
    ...(i['reference'] ? { reference: i['reference'] as string } : {}),
    ...(i['outcome'] ? { outcome: i['outcome'] as UnpaidChargeOutcome } : {}),
    ...(i['reason'] ? { reason: i['reason'] as string } : {}),
  };
}
