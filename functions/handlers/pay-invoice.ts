import { config } from '../config.js';
import { payInvoiceByCard } from '../use-cases/pay-invoice-by-card.js';
import { payments } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';
import { payInvoiceBody } from './http/schemas.js';

/** POST /v1/invoices/{id}/payments: pay by card, with a saved card or on the card processor's page. */
export const handler = httpHandler('customer', async ({ event, caller, body }) => {
  const input = parseJsonBody(payInvoiceBody, body);
  const invoiceId = pathId(event.pathParameters?.['id']);
  const deps = await payments();
  const result = await payInvoiceByCard(deps, {
    userSub: caller.sub, invoiceId, saveCard: input.saveCard, returnUrl: returnUrlOf(event, config().appUrl),
    ...(input.cardId ? { cardId: input.cardId } : {}),
  });
  logger.info('Card payment', { invoiceId, status: result.status });
  if (result.status === 'paid') return json(200, { status: 'paid', invoice: invoiceView(result.invoice, deps.clock.now()) });
  return json(200, result);
});
