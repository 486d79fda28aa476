import { paypalAmountLimits } from '../adapters/paypal/paypal-amount-limits.js';
import { stripeAmountLimits } from '../adapters/stripe/stripe-amount-limits.js';
import { config } from '../config.js';
import { getFundsOptions } from '../use-cases/get-funds-options.js';
import { cryptoPayments } from './composition/crypto.js';
import { hostedCheckouts } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';

/**
 * GET /v1/funds: what one Add Funds may be for the signed-in customer (the provider's limits in the
 * account's currency, in minor units) and the ways to pay for it: those with a hosted checkout set up,
 * the same ones POST /v1/funds can open, each with whether this customer may use it now.
 */
export const handler = httpHandler('customer', async ({ caller }) => {
  const [deps, checkouts] = await Promise.all([cryptoPayments(), hostedCheckouts()]);
  const options = await getFundsOptions({
    ...deps,
    fundsLimits: config().funds,
    configured: {
      ...(checkouts.card ? { card: stripeAmountLimits } : {}),
      ...(checkouts.paypal ? { paypal: paypalAmountLimits } : {}),
      ...(checkouts.crypto && deps.cryptocurrencies ? { crypto: deps.cryptocurrencies } : {}),
    },
  }, { userSub: caller.sub });
  return json(200, options);
});
