import { ValidationError } from '../../domain/errors.js';

type Key = Record<string, unknown>;

/** A page cursor is DynamoDB's LastEvaluatedKey, base64url-encoded; it is opaque to clients. */
export function encodeCursor(key: Key | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, expectedKeys: readonly string[]): Key | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof key === 'object' && key !== null &&
      Object.keys(key).length === expectedKeys.length &&
      expectedKeys.every((k) => typeof (key as Key)[k] === 'string')
    ) {
      return key as Key;
    }
  } catch (cause) {
    throw new ValidationError('cursor', 'The page cursor is not valid.', { cause });
  }
  throw new ValidationError('cursor', 'The page cursor is not valid.');
}
