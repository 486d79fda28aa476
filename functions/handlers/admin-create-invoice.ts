import { stripeAmountLimits } from '../adapters/stripe/stripe-amount-limits.js';
import { calendarDate } from '../domain/calendar-date.js';
import { createInvoice } from '../use-cases/create-invoice.js';
import { storage } from './composition/storage.js';
import { userDirectory } from './composition/users.js';
import { httpHandler } from './http/http-handler.js';
import { logger } from './http/logger.js';
import { parseJsonBody } from './http/parse.js';
import { invoiceView } from './http/presenters.js';
import { json } from './http/responses.js';
import { createInvoiceBody } from './http/schemas.js';

/** POST /v1/admin/invoices: issue an invoice with the next number. */
export const handler = httpHandler('admin', async ({ body, caller }) => {
  const input = parseJsonBody(createInvoiceBody, body);
  const deps = await storage();
  const { invoice, warnings } = await createInvoice({ ...deps, cardLimits: stripeAmountLimits, users: userDirectory() }, {
    staff: { sub: caller.sub, username: caller.name ?? caller.sub },
    customerId: input.customerId,
    dueDate: calendarDate(input.dueDate),
    lines: input.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitAmountMinor: l.unitAmount })),
  });
  logger.info('Invoice created', { invoiceId: invoice.id, number: invoice.state.number });
  return json(201, { ...invoiceView(invoice, deps.clock.now()), warnings });
});
