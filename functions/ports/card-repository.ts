import type { SavedCard } from '../domain/saved-card.js';

export interface CardRepository {
  /** The customer's saved cards, oldest first. */
  list(customerId: string): Promise<SavedCard[]>;
  get(customerId: string, cardId: string): Promise<SavedCard | undefined>;
  /** The card with this processor id, whoever's it is (for processor events that name only the card). */
  findById(cardId: string): Promise<SavedCard | undefined>;
  /**
   * Adds a card; adding the same card again changes nothing. A customer without a default card gets
   * this one as the default in the same write, so no reader ever sees a first card that is not default.
   */
  add(card: SavedCard): Promise<void>;
  remove(customerId: string, cardId: string): Promise<void>;
}
