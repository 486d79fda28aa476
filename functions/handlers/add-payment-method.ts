import { config } from '../config.js';
import { startCardSetup } from '../use-cases/start-card-setup.js';
import { payments } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';

/** POST /v1/payment-methods: the card page (setup mode) where the customer saves a card. */
export const handler = httpHandler('customer', async ({ event, caller }) => {
  const setup = await startCardSetup(await payments(), { userSub: caller.sub, returnUrl: returnUrlOf(event, config().appUrl) });
  return json(201, setup);
});
