import { api } from '../api/client.js';
import type { CardList, CardOnFile } from '../api/types.js';

/** The customer's saved cards (GET /v1/payment-methods), in the order the API lists them. */
export function listSavedCards(): Promise<CardOnFile[]> {
  return api.get<CardList>('/v1/payment-methods').then((list) => list.items);
}
