import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXY0123456789';

/** An id in PayPal's style: upper-case letters and digits, 17 long for orders, captures and refunds. */
export function paypalId(length = 17): string {
  return [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A webhook event id, `WH-<17>-<17>`, as PayPal's. */
export const eventId = (): string => `WH-${paypalId()}-${paypalId()}`;
