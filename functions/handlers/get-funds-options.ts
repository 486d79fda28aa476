import { paypalAmountLimits } from '../adapters/paypal/paypal-amount-limits.js';
import { stripeAmountLimits } from '../adapters/stripe/stripe-amount-limits.js';
import { config } from '../config.js';
import { getFundsOptions } from '../use-cases/get-funds-options.js';
import { cryptoPayments } from './composition/crypto.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';

/**
 * GET /v1/funds: what one Add Funds may be for the signed-in customer (the provider's limits in the
 * account's currency, in minor units) and the ways to pay for it that are set up (PayPal only beside
 * cards, as payments are composed), each with whether this customer may use it now.
 */
export const handler = httpHandler('customer', async ({ caller }) => {
  const { stripe, paypal, funds } = config();
  const deps = await cryptoPayments();
  const options = await getFundsOptions({
    ...deps,
    fundsLimits: funds,
    configured: {
      ...(stripe ? { card: stripeAmountLimits } : {}),
      ...(stripe && paypal ? { paypal: paypalAmountLimits } : {}),
      ...(deps.cryptocurrencies ? { crypto: deps.cryptocurrencies } : {}),
    },
  }, { userSub: caller.sub });
  return json(200, options);
});
