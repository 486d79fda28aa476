import { config } from '../config.js';
import { addFunds } from '../use-cases/add-funds.js';
import { payments } from './composition/payments.js';
import { addFundsBody } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';

/** POST /v1/funds: buy account credit on the payment provider's page; the webhook credits it. */
export const handler = httpHandler('customer', async ({ event, caller, body }) => {
  const input = parseJsonBody(addFundsBody, body);
  const deps = await payments();
  const started = await addFunds({ ...deps, fundsLimits: config().funds }, {
    userSub: caller.sub, amountMinor: input.amount, method: input.method, returnUrl: returnUrlOf(event, config().appUrl),
  });
  logger.info('Add funds started', { method: input.method });
  return json(201, started);
});
