import type { FundsReceipts, InvoiceEmails } from '../../ports/outbox.js';
import { sendFundsReceipt } from '../../use-cases/send-funds-receipt.js';
import { sendInvoiceEmail } from '../../use-cases/send-invoice-email.js';
import { logger } from '../http/logger.js';
import { mail } from './mail.js';

/**
 * The invoice emails the automatic work sends (the outbox consumer, the reminder schedule): each
 * through SES, once per email key (send-invoice-email.ts). An email skipped (a bouncing address, an
 * invoice no longer owed) or refused by SES is logged and done; a passing fault is thrown so the
 * stream or queue delivers the work again.
 */
export async function invoiceEmails(): Promise<InvoiceEmails> {
  const deps = await mail();
  return {
    send: async (email, holder) => {
      const result = await sendInvoiceEmail(deps, email, holder ? { holder } : {});
      if (result.status === 'skipped' || result.status === 'refused') {
        logger.warn('Invoice email not sent', { kind: email.kind, invoiceId: email.invoiceId, ...result });
      }
    },
  };
}

/** The receipts for funds added, sent by the outbox consumer as the invoice emails are (send-funds-receipt.ts). */
export async function fundsReceipts(): Promise<FundsReceipts> {
  const deps = await mail();
  return {
    send: async (payment, holder) => {
      const result = await sendFundsReceipt(deps, payment, holder ? { holder } : {});
      if (result.status === 'skipped' || result.status === 'refused') {
        logger.warn('Funds receipt not sent', { method: payment.method, externalId: payment.externalId, ...result });
      }
    },
  };
}
