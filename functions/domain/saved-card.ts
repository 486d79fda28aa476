/**
 * A card the customer saved with the card processor. We keep only its public details: the
 * processor's token (a Stripe PaymentMethod id), brand, last four digits and expiry.
 */
export interface SavedCard {
  readonly id: string;
  readonly customerId: string;
  readonly brand: string;
  readonly last4: string;
  readonly expMonth: number;
  readonly expYear: number;
  readonly addedAt: string;
}

/** A card is usable through the last day of its expiry month. */
export function isExpired(card: SavedCard, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}
