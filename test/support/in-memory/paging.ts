import { ValidationError } from '../../../functions/domain/errors.js';
import type { Page, PageRequest } from '../../../functions/ports/page.js';

/** One page of an already ordered list; the cursor is the offset of the next item, base64url-encoded. */
export function pageOf<T>(items: readonly T[], request: PageRequest): Page<T> {
  const start = request.cursor === undefined ? 0 : Number(Buffer.from(request.cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(start) || start < 0) throw new ValidationError('cursor', 'The page cursor is not valid.');
  const end = start + request.limit;
  const page = items.slice(start, end);
  return end < items.length ? { items: page, nextCursor: Buffer.from(String(end)).toString('base64url') } : { items: page };
}
