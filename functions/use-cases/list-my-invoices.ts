import { calendarDateOf } from '../domain/calendar-date.js';
import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceFilter, InvoiceRepository } from '../ports/invoice-repository.js';
import type { Page } from '../ports/page.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** "My Invoices": the signed-in customer's issued invoices, newest first, optionally narrowed by status. */
export async function listMyInvoices(
  deps: { customers: CustomerRepository; invoices: InvoiceRepository; clock: Clock },
  input: { userSub: string; filter?: InvoiceFilter; cursor?: string; limit: number },
): Promise<Page<Invoice>> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  if (input.filter === 'draft') return { items: [] };
  const page = await deps.invoices.listByCustomer(customer.id, {
    ...(input.filter ? { filter: input.filter } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
    limit: input.limit,
    today: calendarDateOf(deps.clock.now()),
  });
  // Drafts are staff-only; none exist before staff can save one, so this rarely shortens a page.
  return { ...page, items: page.items.filter((invoice) => invoice.status !== 'draft') };
}
