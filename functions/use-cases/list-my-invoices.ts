import { type AmountOwed, amountOwed } from '../domain/amount-owed.js';
import { calendarDateOf } from '../domain/calendar-date.js';
import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { InvoiceFilter, InvoiceRepository } from '../ports/invoice-repository.js';
import type { Page } from '../ports/page.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/**
 * "My Invoices": the signed-in customer's issued invoices, newest first, optionally narrowed by status;
 * the first page (no cursor) also says what the customer owes over all their invoices, whatever the
 * filter, so the page can show it at a glance.
 */
export async function listMyInvoices(
  deps: { customers: CustomerRepository; invoices: InvoiceRepository; clock: Clock },
  input: { userSub: string; filter?: InvoiceFilter; cursor?: string; limit: number },
): Promise<Page<Invoice> & { owed?: AmountOwed }> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const now = deps.clock.now();
  const [page, open] = await Promise.all([
    input.filter === 'draft' ? { items: [] } : deps.invoices.listByCustomer(customer.id, {
      ...(input.filter ? { filter: input.filter } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
      limit: input.limit,
      today: calendarDateOf(now),
    }),
    input.cursor ? undefined : deps.invoices.listOpenByCustomer(customer.id),
  ]);
  // Drafts are staff-only; none exist before staff can save one, so this rarely shortens a page.
  const items = page.items.filter((invoice) => invoice.status !== 'draft');
  return { ...page, items, ...(open ? { owed: amountOwed(open, customer.currency, now) } : {}) };
}
