import { updateMyPreferences } from '../use-cases/update-my-preferences.js';
import { cardStorage } from './composition/cards.js';
import { httpHandler } from './http/http-handler.js';
import { parseJsonBody } from './http/parse.js';
import { customerView } from './http/presenters.js';
import { json } from './http/responses.js';
import { updateMeBody } from './http/schemas.js';

/** PATCH /v1/me: the customer's own settings (automatic billing, default card, billing address, tax ID). Nothing else is writable. */
export const handler = httpHandler('customer', async ({ caller, body }) => {
  const input = parseJsonBody(updateMeBody, body);
  const customer = await updateMyPreferences(await cardStorage(), {
    userSub: caller.sub,
    ...(input.autopay !== undefined ? { autopay: input.autopay } : {}),
    ...(input.defaultCardId !== undefined ? { defaultCardId: input.defaultCardId } : {}),
    ...(input.billingAddress !== undefined ? { billingAddress: input.billingAddress } : {}),
    ...(input.taxId !== undefined ? { taxId: input.taxId } : {}),
  });
  return json(200, customerView(customer));
});
