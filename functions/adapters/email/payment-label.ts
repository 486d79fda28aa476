import type { Payment } from '../../domain/payment.js';

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

/** How a payment was made, for a receipt: the card, "PayPal", "Cryptocurrency" or "Account credit". */
export function paymentMethodLabel(payment: Pick<Payment, 'method' | 'card'>): string {
  switch (payment.method) {
    case 'card': return payment.card ? cardLabel(payment.card) : 'Card';
    case 'paypal': return 'PayPal';
    case 'crypto': return 'Cryptocurrency';
    case 'credit': return 'Account credit';
  }
}
