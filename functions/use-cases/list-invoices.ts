import { calendarDateOf } from '../domain/calendar-date.js';
import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { InvoiceFilter, InvoiceRepository } from '../ports/invoice-repository.js';
import type { Page } from '../ports/page.js';

/** Staff's invoice list: all customers', or one customer's, newest first, optionally by status. */
export function listInvoices(
  deps: { invoices: InvoiceRepository; clock: Clock },
  input: { customerId?: string; filter?: InvoiceFilter; cursor?: string; limit: number },
): Promise<Page<Invoice>> {
  const request = {
    ...(input.filter ? { filter: input.filter } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    limit: input.limit,
    today: calendarDateOf(deps.clock.now()),
  };
  return input.customerId ? deps.invoices.listByCustomer(input.customerId, request) : deps.invoices.list(request);
}
