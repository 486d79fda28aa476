import { config } from '../config.js';
import type { Clock } from '../ports/clock.js';
import { type PayByCardResult, payInvoiceByCard } from '../use-cases/pay-invoice-by-card.js';
import { type PayByCryptoResult, payInvoiceByCrypto } from '../use-cases/pay-invoice-by-crypto.js';
import { cryptoPayments } from './composition/crypto.js';
import { payments } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';
import { payInvoiceBody } from './http/schemas.js';

/**
 * POST /v1/invoices/{id}/payments: pay an invoice by the method the body names (card: a saved card, or
 * the card processor's page; crypto: the crypto provider's checkout). Each method is one use case;
 * this only picks it.
 */
export const handler = httpHandler('customer', async ({ event, caller, body }) => {
  const input = parseJsonBody(payInvoiceBody, body);
  const invoiceId = pathId(event.pathParameters?.['id']);
  const returnUrl = returnUrlOf(event, config().appUrl);
  let result: PayByCardResult | PayByCryptoResult;
  let clock: Clock;
  switch (input.method) {
    case 'card': {
      const deps = await payments();
      clock = deps.clock;
      result = await payInvoiceByCard(deps, {
        userSub: caller.sub, invoiceId, saveCard: input.saveCard, returnUrl, ...(input.cardId ? { cardId: input.cardId } : {}),
      });
      break;
    }
    case 'crypto': {
      const deps = await cryptoPayments();
      clock = deps.clock;
      result = await payInvoiceByCrypto(deps, {
        userSub: caller.sub, invoiceId, returnUrl, ...(input.cryptocurrency ? { cryptocurrency: input.cryptocurrency } : {}),
      });
      break;
    }
  }
  logger.info('Invoice payment', { invoiceId, method: input.method, status: result.status });
  if (result.status === 'paid') return json(200, { status: 'paid', invoice: invoiceView(result.invoice, clock.now()) });
  return json(200, result);
});
