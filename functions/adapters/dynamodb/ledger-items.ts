import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { allCustomers, keys } from './keys.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A ledger entry as stored: in its customer's partition, and on GSI3 among every customer's entries by time (the credit report). */
export function ledgerEntryItem(entry: LedgerEntry) {
  return {
    ...keys.ledgerEntry(entry.customerId, entry.createdAt, entry.id),
    GSI3PK: allCustomers.ledger,
    GSI3SK: `${entry.createdAt}#${entry.customerId}#${entry.id}`,
    type: 'ledger-entry',
    ...entry,
    amount: entry.amount.amountMinor,
    currency: entry.amount.currency,
  };
}

/**
 * A ledger entry and the balance it moves, as two items of a transaction: the entry is never
 * overwritten, and the balance never goes below zero (nor moves in another currency than the
 * account's). The balance's condition is the second item, so its cancellation reason says
 * "insufficient credit".
 */
export function creditItems(tableName: string, entry: LedgerEntry): [TransactItem, TransactItem] {
  return [
    {
      Put: {
        TableName: tableName,
        Item: ledgerEntryItem(entry),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: tableName,
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
