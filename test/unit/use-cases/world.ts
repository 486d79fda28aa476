import { stripeAmountLimits } from '../../../functions/adapters/stripe/stripe-amount-limits.js';
import { DEFAULT_BILLING_SCHEDULE } from '../../../functions/domain/billing-schedule.js';
import { calendarDate } from '../../../functions/domain/calendar-date.js';
import { type Customer, newCustomer } from '../../../functions/domain/customer.js';
import { Invoice, type InvoiceLineInput, billToOf } from '../../../functions/domain/invoice.js';
import { currency } from '../../../functions/domain/money.js';
import type { PaymentLedger } from '../../../functions/ports/payment-ledger.js';
import { FixedClock } from '../../support/in-memory/fixed-clock.js';
import { InMemoryCustomerRepository } from '../../support/in-memory/in-memory-customer-repository.js';
import { InMemoryInvoiceActivityLog } from '../../support/in-memory/in-memory-invoice-activity-log.js';
import { InMemoryInvoiceRepository } from '../../support/in-memory/in-memory-invoice-repository.js';
import { InMemoryUserDirectory } from '../../support/in-memory/in-memory-user-directory.js';
import { SequentialIdGenerator } from '../../support/in-memory/sequential-id-generator.js';

export const HOSTING: InvoiceLineInput = { description: 'Shared hosting, March', quantity: 1, unitAmountMinor: 1999 };

/** Every port a use case can need, in memory, with the clock at 2026-03-01 09:00 UTC. */
export function world() {
  const w = {
    customers: new InMemoryCustomerRepository(),
    invoices: new InMemoryInvoiceRepository(),
    activity: new InMemoryInvoiceActivityLog(),
    users: new InMemoryUserDirectory(),
    ids: new SequentialIdGenerator(),
    clock: new FixedClock('2026-03-01T09:00:00.000Z'),
    /** Stripe's card limits: a pure table, no network. */
    cardLimits: stripeAmountLimits,
    schedulePolicy: DEFAULT_BILLING_SCHEDULE,
    /** No card pages in these tests: nothing to close at a processor. */
    checkouts: {},
    /**
     * Money moves only in the integration tests, against DynamoDB Local's transactions; here every
     * customer has no credit, so nothing may reach the ledger, and anything that does fails loudly.
     */
    ledger: new Proxy({} as PaymentLedger, {
      get: (_target, name) => () => { throw new Error(`The ledger (${String(name)}) is not part of the unit tests: test it on DynamoDB Local`); },
    }),

    /** A customer already signed up, bound to the user `sub-<name>`. */
    async customer(name: string, code = 'USD'): Promise<Customer> {
      const customer = newCustomer({
        id: w.ids.newId('cus'), email: `${name.toLowerCase()}@example.com`, name, currency: currency(code),
        userSub: `sub-${name.toLowerCase()}`, createdAt: w.clock.now(),
      });
      await w.customers.create(customer);
      return customer;
    },

    /** An open invoice of the customer, issued now, stored with the next number. */
    async invoice(customer: Customer, options: { lines?: InvoiceLineInput[]; dueDate?: string } = {}): Promise<Invoice> {
      const id = w.ids.newId('inv');
      return w.invoices.createNumbered((number) => Invoice.issue({
        billTo: billToOf(customer),
        id, number, customerId: customer.id, currency: customer.currency, lines: options.lines ?? [HOSTING],
        dueDate: calendarDate(options.dueDate ?? '2026-03-15'), issuedAt: w.clock.now(),
      }));
    },
  };
  return w;
}

/** The error a promise rejects with, for comparing two failures field by field. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, and it resolved.');
}
