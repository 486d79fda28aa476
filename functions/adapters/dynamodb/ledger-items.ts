import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { CreditLimitError, type LedgerEntry } from '../../domain/ledger-entry.js';
import { MAX_AMOUNT_MINOR } from '../../domain/money.js';
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
 * overwritten, and the balance never goes below zero nor above MAX_AMOUNT_MINOR (nor moves in another
 * currency than the account's). Both bounds are conditions of the same write, so concurrent entries
 * cannot pass them. The balance's condition is the second item: when it fails, an entry that takes
 * credit away found too little ("insufficient credit"), and one that adds credit found too much
 * (`creditLimitReached`). A removal has no upper bound, so it can still bring down a balance stored
 * past the maximum before the bound existed.
 */
export function creditItems(tableName: string, entry: LedgerEntry): [TransactItem, TransactItem] {
  const delta = entry.amount.amountMinor;
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
        ConditionExpression: `attribute_exists(PK) AND currency = :currency AND creditBalance >= :floor${delta > 0 ? ' AND creditBalance <= :ceiling' : ''}`,
        ExpressionAttributeValues: {
          ':delta': delta,
          ':currency': entry.amount.currency,
          ':floor': Math.max(0, -delta),
          ...(delta > 0 ? { ':ceiling': MAX_AMOUNT_MINOR - delta } : {}),
        },
      },
    },
  ];
}

/**
 * The error for a balance condition that failed on an entry adding credit: the balance would have
 * passed the maximum. Undefined for an entry taking credit away (that failure is "insufficient credit").
 */
export function creditLimitReached(entry: LedgerEntry, cause: unknown): CreditLimitError | undefined {
  return entry.amount.amountMinor > 0 ? new CreditLimitError(entry.amount.currency, { cause }) : undefined;
}
