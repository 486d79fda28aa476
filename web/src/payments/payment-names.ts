import type { InvoicePayment } from '../api/types.js';

/** How a payment was made, in words. */
export const METHOD_NAMES: Record<InvoicePayment['method'], string> = {
  card: 'Card', paypal: 'PayPal', crypto: 'Cryptocurrency', credit: 'Account credit', offline: 'Received outside the system',
};

/** How money received outside the system came, in words. */
export const OFFLINE_KIND_NAMES: Record<NonNullable<InvoicePayment['offline']>['kind'], string> = {
  bank_transfer: 'Bank transfer', cash: 'Cash', cheque: 'Cheque', other: 'Other',
};

/** Where a refund went, in words: back where it came from, or to account credit. */
export function refundDestinationName(method: InvoicePayment['method'], destination: 'original' | 'credit'): string {
  if (destination === 'credit') return 'to account credit';
  switch (method) {
    case 'card': return 'to the card';
    case 'paypal': return 'to PayPal';
    case 'offline': return 'paid back outside the system';
    default: return 'to where it came from';
  }
}

/**
 * A decline as staff read it after "Card declined": the customer's sentence (functions/adapters/stripe/
 * decline-message.ts, "Your card was declined: insufficient funds.") without its opening words;
 * undefined when nothing is left ("Your card was declined.").
 */
export function declineDetailForStaff(reason: string | undefined): string | undefined {
  return reason?.replace(/^Your card was declined[:.]?\s*/i, '') || undefined;
}
