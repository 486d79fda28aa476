import { randomBytes } from 'node:crypto';
import type { IdGenerator } from '../../ports/id-generator.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const LENGTH = 26; // 26 letters ≈ 122 random bits, as many as a UUID
/** The largest multiple of 26 below 256: bytes from here up are skipped, so every letter is equally likely. */
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/**
 * `inv_` + 26 random lower-case letters, prefixed like Stripe's ids. Letters only, on purpose: an id
 * can never contain a run of digits that the card-number guard would take for a card number.
 */
export const randomIdGenerator: IdGenerator = {
  newId(prefix: string): string {
    let id = '';
    while (id.length < LENGTH) {
      for (const byte of randomBytes(LENGTH * 2)) {
        if (byte < UNBIASED_BELOW && id.length < LENGTH) id += ALPHABET[byte % ALPHABET.length];
      }
    }
    return `${prefix}_${id}`;
  },
};
