import { config } from '../config.js';
import { findSignedInCustomer } from '../use-cases/steps/find-signed-in-customer.js';
import { fundsLimitsIn } from '../use-cases/add-funds.js';
import { storage } from './composition/storage.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';

/**
 * GET /v1/funds: what one Add Funds may be for the signed-in customer (the provider's limits in the
 * account's currency, in minor units) and the ways to pay for it.
 */
export const handler = httpHandler('customer', async ({ caller }) => {
  const { customers } = await storage();
  const customer = await findSignedInCustomer(customers, caller.sub);
  const { minimum, maximum } = fundsLimitsIn(config().funds, customer.currency);
  return json(200, {
    currency: customer.currency,
    minimum: minimum.amountMinor,
    maximum: maximum.amountMinor,
    // Card only for now; POST /v1/funds says so when card payments are not set up.
    methods: ['card'],
  });
});
