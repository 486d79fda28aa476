import { listPaymentMethods } from '../use-cases/list-payment-methods.js';
import { cardStorage } from './composition/cards.js';
import { httpHandler } from './http/http-handler.js';
import { savedCardView } from './http/presenters.js';
import { json } from './http/responses.js';

/** GET /v1/payment-methods: the customer's saved cards. */
export const handler = httpHandler('customer', async ({ caller }) => {
  const deps = await cardStorage();
  const { customer, cards } = await listPaymentMethods(deps, { userSub: caller.sub });
  const now = deps.clock.now();
  return json(200, { items: cards.map((card) => savedCardView(card, customer, now)) });
});
