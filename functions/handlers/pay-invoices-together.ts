import { config } from '../config.js';
import { payInvoicesTogether } from '../use-cases/pay-invoices-together.js';
import { payments } from './composition/payments.js';
import { payTogetherBody } from './http/credit-schemas.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';

/** POST /v1/payments: pay several invoices in one payment (mass pay), from credit or on one card page. */
export const handler = httpHandler('customer', async ({ event, caller, body }) => {
  const input = parseJsonBody(payTogetherBody, body);
  const deps = await payments();
  const result = await payInvoicesTogether(deps, {
    userSub: caller.sub, invoiceIds: input.invoiceIds, method: input.method, returnUrl: returnUrlOf(event, config().appUrl),
  });
  logger.info('Invoices paid together', { count: input.invoiceIds.length, method: input.method, status: result.status });
  if (result.status === 'redirect') return json(200, { status: 'redirect', redirectUrl: result.redirectUrl, total: result.total.amountMinor });
  const now = deps.clock.now();
  return json(200, { status: 'paid', total: result.total.amountMinor, invoices: result.invoices.map((invoice) => invoiceView(invoice, now)) });
});
