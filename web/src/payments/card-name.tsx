import type { CardOnFile } from '../api/types.js';

const brands: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
  eftpos_au: 'eftpos',
  interac: 'Interac',
};

/** The card network's name as people write it; Stripe sends lower-case ids ("visa", "amex"). */
export function brandName(brand: string): string {
  return brands[brand.toLowerCase()] ?? (brand && brand !== 'unknown' ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card');
}

/** "Visa ending in 4242": what a screen reader says, and what messages about a card say. */
export function cardLabel(card: Pick<CardOnFile, 'brand' | 'last4'>): string {
  return `${brandName(card.brand)} ending in ${card.last4}`;
}

/** "Visa •••• 4242" on screen, "Visa ending in 4242" for screen readers. */
export function CardName({ card }: { card: Pick<CardOnFile, 'brand' | 'last4'> }) {
  return (
    <>
      <span aria-hidden="true" className="card-name">
        {brandName(card.brand)} <span className="card-dots">••••</span> {card.last4}
      </span>
      <span className="visually-hidden">{cardLabel(card)}</span>
    </>
  );
}
