import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import { CUSTOMER } from '../domain/invoice-activity.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { InvoiceActivityLog } from '../ports/invoice-activity-log.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';
import type { RefundRecords } from '../ports/refund-records.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import type { Service } from '../domain/service.js';
import { getMyInvoice } from './get-my-invoice.js';
import { type PaymentRecord, paymentHistory } from './steps/payment-history.js';

/** A view is logged at most once an hour per invoice: the page polls while a payment settles, and people reload. */
export const VIEW_QUIET_MS = 60 * 60_000;

/**
 * One of the signed-in customer's invoices as its page shows it: with the payments received for it
 * (how and when it was paid, and any refund), so that a paid invoice serves as its receipt, and the
 * service it bills, if any (its page offers to pay it by a subscription).
 * The invoice's activity log records that the customer looked at it (at most once an hour); that it
 * could not (`viewLogged: 'failed'`, the error with it) never keeps the customer from their invoice.
 * @throws NotFoundError when the invoice is not the caller's (or does not exist)
 */
export async function viewMyInvoice(
  deps: {
    customers: CustomerRepository; invoices: InvoiceRepository; ledger: PaymentLedger; refundRecords: RefundRecords;
    activity: InvoiceActivityLog; ids: IdGenerator; clock: Clock; services: Pick<ServiceRepository, 'get' | 'periodsOfInvoice'>;
  },
  input: { userSub: string; invoiceId: string },
): Promise<{ invoice: Invoice; customer: Customer; payments: PaymentRecord[]; service?: Service; viewLogged: 'recorded' | 'recent' | { failed: unknown } }> {
  const { invoice, customer } = await getMyInvoice(deps, input);
  const [payments, service, viewLogged] = await Promise.all([
    paymentHistory(deps, invoice.id),
    deps.services.periodsOfInvoice(invoice.id).then(([period]) => (period ? deps.services.get(period.serviceId) : undefined)),
    deps.activity.recordView(
      { id: deps.ids.newId('act'), invoiceId: invoice.id, kind: 'viewed', at: deps.clock.now().toISOString(), by: CUSTOMER },
      VIEW_QUIET_MS,
    ).catch((error: unknown) => ({ failed: error })),
  ]);
  return { invoice, customer, payments, viewLogged, ...(service ? { service } : {}) };
}
