import { randomBytes } from 'node:crypto';

/** Stripe-style ids: a prefix and 24 base62 characters (`cus_…`, `pi_…`, `evt_…`, `txn_…`). */
export type IdPrefix = 'cus' | 'cs_test' | 'pi' | 'pm' | 'seti' | 'evt' | 'ch' | 're' | 'req' | 'py' | 'txn';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newId(prefix: IdPrefix, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}
