import { ValidationError } from '../../domain/errors.js';

type Key = Record<string, unknown>;

/** A page cursor is DynamoDB's LastEvaluatedKey, base64url-encoded; it is opaque to clients. */
export function encodeCursor(key: Key | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * The key a cursor stands for, checked against the query it is given to: exactly the index's key
 * attributes, all strings, in the partition being read (and under its sort-key prefix). A cursor
 * from another list (another customer's, say) is refused here, as bad input, rather than by DynamoDB.
 * @throws ValidationError naming `cursor`
 */
export function decodeCursor(
  cursor: string | undefined,
  query: { keys: readonly string[]; partition: { attribute: string; value: string }; sortKey?: { attribute: string; prefix: string } },
): Key | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new ValidationError('cursor', 'The page cursor is not valid.', { cause });
  }
  const fits = typeof key === 'object' && key !== null
    && Object.keys(key).length === query.keys.length
    && query.keys.every((k) => typeof (key as Key)[k] === 'string')
    && (key as Key)[query.partition.attribute] === query.partition.value
    && (!query.sortKey || String((key as Key)[query.sortKey.attribute]).startsWith(query.sortKey.prefix));
  if (!fits) throw new ValidationError('cursor', 'The page cursor is not valid for this list.');
  return key as Key;
}
