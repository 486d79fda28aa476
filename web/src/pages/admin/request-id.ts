/**
 * A new id for one action staff mean to take. The form keeps it while the action is retried (a lost
 * answer, a double click), so the server acts once; a new action gets a new id.
 */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Minor units as a person types them: 1250 USD → "12.50". */
export function amountText(amountMinor: number, digits: number): string {
  if (digits === 0) return String(amountMinor);
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return `${amountMinor < 0 ? '-' : ''}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
