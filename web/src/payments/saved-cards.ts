import { api } from '../api/client.js';
import type { SavedCard } from '../api/types.js';

/** The customer's saved cards (GET /v1/payment-methods), in the order the API lists them. */
export function listSavedCards(): Promise<SavedCard[]> {
  return api.get<{ items: SavedCard[] }>('/v1/payment-methods').then((list) => list.items);
}
