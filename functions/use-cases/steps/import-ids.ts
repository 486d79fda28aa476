import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/**
 * An id derived from `parts` (sha-256, as 26 lower-case letters, like the random ids): the same file
 * and row key give the same id on every run, so a re-run writes onto what an earlier run wrote
 * (and its conditional puts refuse it) instead of beside it. Letters only, as random ids: the card
 * number guard never mistakes one for a card.
 */
export function derivedId(prefix: string, ...parts: readonly string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let id = '';
  for (let i = 0; id.length < 26; i++) id += ALPHABET[digest[i % digest.length]! % 26]!;
  return `${prefix}_${id}`;
}
