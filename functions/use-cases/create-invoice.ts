import type { CalendarDate } from '../domain/calendar-date.js';
import { NotFoundError } from '../domain/errors.js';
import { Invoice, type InvoiceLineInput } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';

/**
 * Staff issue an invoice to a customer, in the customer's currency, with the next invoice number.
 * The invoice is open from the start; it is charged on its due date, never at creation.
 */
export async function createInvoice(
  deps: { customers: CustomerRepository; invoices: InvoiceRepository; ids: IdGenerator; clock: Clock },
  input: { customerId: string; dueDate: CalendarDate; lines: readonly InvoiceLineInput[] },
): Promise<Invoice> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Customer');
  const id = deps.ids.newId('inv');
  const issuedAt = deps.clock.now();
  // Build once outside the transaction so that invalid input fails before a number is taken.
  Invoice.issue({ id, number: 1, customerId: customer.id, currency: customer.currency, lines: input.lines, dueDate: input.dueDate, issuedAt });
  return deps.invoices.createNumbered((number) => Invoice.issue({
    id, number, customerId: customer.id, currency: customer.currency, lines: input.lines, dueDate: input.dueDate, issuedAt,
  }));
}
