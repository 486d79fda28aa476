import { config } from '../config.js';
import { type AddFundsDeps, type FundsMethod, addFunds } from '../use-cases/add-funds.js';
import { cryptoPayments } from './composition/crypto.js';
import { payments } from './composition/payments.js';
import { addFundsBody } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';

/** POST /v1/funds: buy account credit on the payment provider's page (card, PayPal, crypto); the webhook credits it. */
export const handler = httpHandler('customer', async ({ event, caller, body }) => {
  const input = parseJsonBody(addFundsBody, body);
  const started = await addFunds(await depsFor(input.method), {
    userSub: caller.sub, amountMinor: input.amount, method: input.method, returnUrl: returnUrlOf(event, config().appUrl),
  });
  logger.info('Add funds started', { method: input.method });
  return json(201, started);
});

/** Crypto is composed without card payments (as for invoices); card and PayPal with them. */
async function depsFor(method: FundsMethod): Promise<AddFundsDeps> {
  const fundsLimits = config().funds;
  if (method === 'crypto') {
    const deps = await cryptoPayments();
    const { cryptocurrencies } = deps;
    return { ...deps, fundsLimits, amountLimits: {}, ...(cryptocurrencies ? { crypto: { ...deps, cryptocurrencies } } : {}) };
  }
  const deps = await payments();
  return {
    ...deps, fundsLimits, amountLimits: { card: deps.cardLimits, paypal: deps.paypalLimits }, cardCustomers: deps,
  };
}
