import type { OfflinePaymentKind, Payment } from '../../domain/payment.js';

const BRANDS: Readonly<Record<string, string>> = {
  visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club',
  jcb: 'JCB', unionpay: 'UnionPay', cartes_bancaires: 'Cartes Bancaires', eftpos_au: 'eftpos', interac: 'Interac',
};

/** "Visa ending in 4242", as the web app names a card (Stripe sends lower-case brand ids). */
export function cardLabel(card: { brand: string; last4: string }): string {
  const brand = BRANDS[card.brand.toLowerCase()]
    ?? (card.brand && card.brand !== 'unknown' ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : 'Card');
  return `${brand} ending in ${card.last4}`;
}

const OFFLINE_KINDS: Readonly<Record<OfflinePaymentKind, string>> = {
  bank_transfer: 'Bank transfer', cash: 'Cash', cheque: 'Cheque', other: 'Payment received',
};

/**
 * How a payment was made, for a receipt: the card, "PayPal", "Cryptocurrency", "Account credit", or
 * how staff say money received outside the system came ("Bank transfer").
 */
export function paymentMethodLabel(payment: Pick<Payment, 'method' | 'card' | 'offline'>): string {
  switch (payment.method) {
    case 'card': return payment.card ? cardLabel(payment.card) : 'Card';
    case 'paypal': return 'PayPal';
    case 'crypto': return 'Cryptocurrency';
    case 'credit': return 'Account credit';
    case 'offline': return payment.offline ? OFFLINE_KINDS[payment.offline.kind] : 'Payment received';
  }
}
