import type { InvoiceEmails } from '../../ports/outbox.js';
import { logger } from '../http/logger.js';

/**
 * The invoice emails the automatic work sends.
 * TODO(email merge): the SES mailer and its templates replace this placeholder, which only logs.
 */
export async function invoiceEmails(): Promise<InvoiceEmails> {
  return {
    send: async (email, key) => {
      logger.info('Invoice email (not sent: the mailer is not wired yet)', { kind: email.kind, invoiceId: email.invoiceId, key });
    },
  };
}
