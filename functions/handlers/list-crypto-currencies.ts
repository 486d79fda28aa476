import { listCryptoCurrencies } from '../use-cases/list-crypto-currencies.js';
import { cryptoPayments } from './composition/crypto.js';
import { httpHandler } from './http/http-handler.js';
import { json } from './http/responses.js';

/** GET /v1/crypto/currencies: the cryptocurrencies accepted now, and whether the caller may pay with them (or why not). */
export const handler = httpHandler('customer', async ({ caller }) => {
  const result = await listCryptoCurrencies(await cryptoPayments(), { userSub: caller.sub });
  return json(200, {
    currencies: result.currencies.map(({ id, code, name, network }) => ({ id, code, name, network })),
    available: result.available,
    ...(result.unavailable ? { unavailable: result.unavailable } : {}),
    rule: { minAccountAgeDays: result.rule.minAccountAgeDays, minPaidInvoices: result.rule.minPaidInvoices },
  });
});
