import { config } from '../config.js';
import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import { payInvoiceByCard } from '../use-cases/pay-invoice-by-card.js';
import { payInvoiceByCrypto } from '../use-cases/pay-invoice-by-crypto.js';
import { payInvoiceByPayPal } from '../use-cases/pay-invoice-by-paypal.js';
import { payInvoiceWithCredit } from '../use-cases/pay-invoice-with-credit.js';
import { startServiceSubscription } from '../use-cases/start-service-subscription.js';
import { cryptoPayments } from './composition/crypto.js';
import { payments } from './composition/payments.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody, pathId } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';
import { returnUrlOf } from './http/return-url.js';
import { payInvoiceBody } from './http/schemas.js';

type Settled = { status: 'paid' | 'partly_paid' | 'subscribed' | 'already_paid'; invoice: Invoice };

/**
 * POST /v1/invoices/{id}/payments: pay an invoice by the method the body names (card: a saved card, or
 * the card processor's page; credit: the account credit, all or part; paypal: PayPal's approval page,
 * or the capture of an approved order on the customer's return; or, `recurring`, a PayPal
 * subscription for the invoice's service; crypto: the crypto provider's checkout). Each method is one use case; this only picks it.
 */
export const handler = httpHandler('customer', async ({ event, caller, body }) => {
  const input = parseJsonBody(payInvoiceBody, body);
  const invoiceId = pathId(event.pathParameters?.['id']);
  const returnUrl = returnUrlOf(event, config().appUrl);
  let result: Settled | { status: Exclude<string, Settled['status']> };
  let clock: Clock;
  if (input.method === 'crypto') {
    const deps = await cryptoPayments();
    clock = deps.clock;
    result = await payInvoiceByCrypto(deps, {
      userSub: caller.sub, invoiceId, returnUrl, ...(input.cryptocurrency ? { cryptocurrency: input.cryptocurrency } : {}),
    });
  } else {
    const deps = await payments();
    clock = deps.clock;
    switch (input.method) {
      case 'card':
        result = await payInvoiceByCard(deps, {
          userSub: caller.sub, invoiceId, saveCard: input.saveCard, returnUrl, ...(input.cardId ? { cardId: input.cardId } : {}),
        });
        break;
      case 'credit':
        result = await payInvoiceWithCredit(deps, { userSub: caller.sub, invoiceId, ...(input.amount ? { amountMinor: input.amount } : {}) });
        break;
      case 'paypal':
        result = input.recurring || input.subscriptionId
          ? await startServiceSubscription(deps, { userSub: caller.sub, invoiceId, returnUrl, ...(input.subscriptionId ? { subscriptionId: input.subscriptionId } : {}) })
          : await payInvoiceByPayPal(deps, { userSub: caller.sub, invoiceId, returnUrl, ...(input.orderId ? { orderId: input.orderId } : {}) });
        break;
    }
  }
  logger.info('Invoice payment', { invoiceId, method: input.method, status: result.status });
  if (isSettled(result)) return json(200, { status: result.status, invoice: invoiceView(result.invoice, clock.now()) });
  return json(200, result);
});

const isSettled = (result: { status: string }): result is Settled => ['paid', 'partly_paid', 'subscribed', 'already_paid'].includes(result.status);
