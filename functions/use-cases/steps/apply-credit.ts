import type { Customer } from '../../domain/customer.js';
import { BusinessRuleError, ConflictError } from '../../domain/errors.js';
import type { Invoice, OpenCheckout } from '../../domain/invoice.js';
import { type ActivityActor, CUSTOMER, paymentActivities } from '../../domain/invoice-activity.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { type Money, min, money } from '../../domain/money.js';
import type { Payment } from '../../domain/payment.js';
import type { Clock } from '../../ports/clock.js';
import type { CustomerRepository } from '../../ports/customer-repository.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import { paymentEffects } from './payment-effects.js';

export interface ApplyCreditDeps {
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  ledger: PaymentLedger;
  ids: IdGenerator;
  clock: Clock;
}

const MAX_ATTEMPTS = 20;

/**
 * Pays an open invoice from the customer's account credit: all the credit it can use, or `at most` of
 * it. One transaction writes the `credit_applied` entry (negative), the balance it lowers (on condition
 * that it stays ≥ 0), the invoice (on condition of the version read) and a payment of method `credit`
 * for the invoice's history, with its activity line (by the customer, unless `by` says: the system at
 * issue). Fifty such requests at once can never spend the same credit twice: each
 * one's balance condition sees the others' writes.
 *
 * @returns what was applied (zero when there is no credit or nothing due), the invoice as it stands,
 *   and a card page that was open for the old amount due (the caller closes it at the processor)
 * @throws BusinessRuleError when the invoice is not open
 */
export async function applyCredit(
  deps: ApplyCreditDeps,
  input: { customerId: string; invoiceId: string; atMost?: Money; by?: ActivityActor },
): Promise<{ applied: Money; invoice: Invoice; closedCheckout?: OpenCheckout }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [customer, invoice] = await Promise.all([deps.customers.get(input.customerId), deps.invoices.get(input.invoiceId)]);
    if (!customer || !invoice || invoice.customerId !== customer.id) throw new ConflictError('The invoice or the account changed; reload and try again.');
    if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status}: there is nothing to pay.`);
    const usable = min(min(customer.creditBalance, invoice.amountDue), input.atMost ?? customer.creditBalance);
    if (usable.amountMinor <= 0) return { applied: money(0, invoice.state.currency), invoice };

    const now = deps.clock.now();
    const entryId = deps.ids.newId('led');
    const { invoice: next, closedCheckout } = invoice.recordPayment(usable, now);
    const payment = creditPayment(entryId, customer, invoice, usable, now);
    const result = await deps.ledger.recordPayment({
      payment,
      invoice: { next, expectedVersion: invoice.state.version },
      credit: creditEntry(entryId, customer, invoice, usable, now),
      effects: paymentEffects(next, payment),
      activity: paymentActivities(payment, input.by ?? CUSTOMER, () => deps.ids.newId('act')),
    });
    if (result === 'recorded') return { applied: usable, invoice: next, ...(closedCheckout ? { closedCheckout } : {}) };
    // Stale, or the balance moved under us (another application spent it): read both again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new ConflictError('The invoice or the account kept changing; please try again.');
}

function creditPayment(entryId: string, customer: Customer, invoice: Invoice, amount: Money, now: Date): Payment {
  return {
    method: 'credit', externalId: entryId, customerId: customer.id, invoiceId: invoice.id,
    amount, appliedToInvoice: amount, receivedAt: now.toISOString(),
  };
}

function creditEntry(entryId: string, customer: Customer, invoice: Invoice, amount: Money, now: Date): LedgerEntry {
  return {
    id: entryId, customerId: customer.id, kind: 'credit_applied', amount: money(-amount.amountMinor, amount.currency),
    createdAt: now.toISOString(), description: `Applied to invoice ${invoice.label}`, invoiceId: invoice.id,
  };
}
