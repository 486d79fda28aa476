import { type AgingBucket, dueDatesOf } from '../domain/aging.js';
import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceFilter, InvoiceRepository } from '../ports/invoice-repository.js';
import type { Page } from '../ports/page.js';
import { calendarDateIn } from '../domain/zoned-calendar.js';

/**
 * Staff's invoice list: all customers', or one customer's, newest first, optionally by status, and
 * narrowed as the dashboard's figures link to it: one currency, and one overdue aging bucket counted
 * on the provider's calendar (`timeZone`), with the customers the page's invoices belong to (read
 * once each), so the list can name them.
 */
export async function listInvoices(
  deps: { invoices: InvoiceRepository; customers: CustomerRepository; clock: Clock },
  input: { customerId?: string; filter?: InvoiceFilter; currency?: string; aging?: AgingBucket; timeZone: string; cursor?: string; limit: number },
): Promise<Page<Invoice> & { customers: ReadonlyMap<string, Customer> }> {
  const today = calendarDateIn(deps.clock.now(), input.timeZone);
  const narrowing = { ...(input.currency ? { currency: input.currency } : {}), ...(input.aging ? dueDatesOf(input.aging, today) : {}) };
  const request = {
    ...(input.filter ? { filter: input.filter } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    narrowing,
    limit: input.limit,
    today,
  };
  const page = await (input.customerId ? deps.invoices.listByCustomer(input.customerId, request) : deps.invoices.list(request));
  const ids = [...new Set(page.items.map((invoice) => invoice.customerId))];
  const found = await Promise.all(ids.map((id) => deps.customers.get(id)));
  return { ...page, customers: new Map(found.filter((c): c is Customer => c !== undefined).map((c) => [c.id, c])) };
}
