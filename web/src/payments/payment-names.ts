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
