import { BusinessRuleError, NotFoundError } from '../../domain/errors.js';
import type { Invoice, OpenCheckout } from '../../domain/invoice.js';
import { type ActivityActor, CUSTOMER, paymentActivities } from '../../domain/invoice-activity.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { type Money, isPositive, zero } from '../../domain/money.js';
import type { OfflinePaymentDetails, Payment, PaymentMethod } from '../../domain/payment.js';
import type { ProcessorFee } from '../../domain/processor-fee.js';
import type { Clock } from '../../ports/clock.js';
import type { CustomerRepository } from '../../ports/customer-repository.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { InvoiceActivityLog } from '../../ports/invoice-activity-log.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import { fundsReceiptEffect } from '../../ports/outbox.js';
import type { PaymentLedger } from '../../ports/payment-ledger.js';
import { incomeEffects, paymentEffects, processorFeeEffects } from './payment-effects.js';

export interface RecordPaymentDeps {
  customers: CustomerRepository;
  invoices: InvoiceRepository;
  ledger: PaymentLedger;
  ids: IdGenerator;
  clock: Clock;
  /** For the log lines of payments too large to share their transaction (mass pay). */
  activity: InvoiceActivityLog;
}

/** Money a provider says it received for a customer, for one invoice or for none (Add Funds). */
export interface ReceivedPayment {
  method: PaymentMethod;
  /** The provider's payment id: at most one record per (method, externalId), ever. */
  externalId: string;
  customerId: string;
  invoiceId?: string;
  amount: Money;
  /** The saved-card charge attempt this payment ends, closed in the same write as the payment. */
  closesAttempt?: number;
  /** The card it was paid with, for the receipt. */
  card?: { brand: string; last4: string };
  /** What the processor kept, when its answer said (a saved card's charge): recorded with the payment. */
  processorFee?: ProcessorFee;
  /** Money received outside the system: how, its reference and the day, as staff recorded them. */
  offline?: OfflinePaymentDetails;
  /** Who paid, for the invoice's activity log: the customer unless said (staff recording money received). */
  by?: ActivityActor;
}

/** What recording did: the invoice as it now stands, the payment as stored, and any checkout it closed. */
export interface RecordedPayment {
  result: 'recorded' | 'duplicate';
  invoice?: Invoice;
  payment: Payment;
  /** A checkout that was open for the invoice's old amount due; the caller closes it at the provider. */
  closedCheckout?: OpenCheckout;
}

const MAX_ATTEMPTS = 20;

/**
 * Money has arrived: the provider's webhook says so, or the answer to a charge did. Everything is
 * written in one transaction, or nothing:
 *
 * 1. for an open invoice, what is due goes to it (paying it in part or in full) and anything beyond
 *    becomes account credit (`overpayment`);
 * 2. for an invoice that is no longer open (paid another way meanwhile, or voided), all of it becomes
 *    credit, so it is never lost, and the payment is marked `unowed` for the caller to refund;
 * 3. for no invoice (Add Funds), all of it becomes credit (`funds_added`).
 *
 * Its outbox item asks for its receipt (the invoice's, or for funds added), its follow-up and, unless
 * the provider's answer gave it, its fee.
 *
 * Recorded at most once per external payment id, however often and in whatever order it is reported;
 * the invoice's activity log says so in the same transaction.
 * @throws NotFoundError when the invoice or customer does not exist
 * @throws BusinessRuleError when the money is in another currency than the customer's, or the invoice
 *   is not the customer's
 */
export async function recordPayment(
  deps: RecordPaymentDeps,
  input: ReceivedPayment,
): Promise<RecordedPayment> {
  if (!isPositive(input.amount)) throw new BusinessRuleError(`Payment ${input.externalId} is not a positive amount.`);
  if (!input.invoiceId) await assertAccountCurrency(deps, input);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const invoice = input.invoiceId ? await invoiceFor(deps, input, input.invoiceId) : undefined;
    const now = deps.clock.now();
    let next: Invoice | undefined;
    let closedCheckout: OpenCheckout | undefined;
    let applied = zero(input.amount.currency);
    let excess = input.amount;
    if (invoice?.status === 'open') {
      ({ invoice: next, applied, excess, closedCheckout } = invoice.recordPayment(input.amount, now));
      if (input.closesAttempt !== undefined) next = next.finishChargeAttempt(input.closesAttempt);
    }

    const credit = isPositive(excess) ? creditEntry(deps, input, now, creditOf(excess, invoice, next)) : undefined;
    const payment = paymentOf(input, now, applied, Boolean(invoice && !next));
    const result = await deps.ledger.recordPayment({
      payment,
      ...(invoice && next ? { invoice: { next, expectedVersion: invoice.state.version } } : {}),
      effects: [
        ...(next ? paymentEffects(next, payment) : []),
        // Funds added are emailed a receipt as every payment is; an invoice's payment has its own.
        ...(input.invoiceId ? [] : [fundsReceiptEffect(payment)]),
        ...processorFeeEffects(payment),
        ...incomeEffects(payment),
      ],
      ...(credit ? { credit } : {}),
      activity: paymentActivities(payment, input.by ?? CUSTOMER, () => deps.ids.newId('act')),
    });
    const settled = next ?? invoice;
    if (result === 'recorded') {
      return { result, payment, ...(settled ? { invoice: settled } : {}), ...(closedCheckout ? { closedCheckout } : {}) };
    }
    if (result === 'duplicate') {
      const [current, stored] = await Promise.all([
        input.invoiceId ? deps.invoices.get(input.invoiceId) : undefined,
        deps.ledger.findPayment(input.method, input.externalId),
      ]);
      // The first report may not have named the card (payment_intent.succeeded does not); this one does.
      if (stored && !stored.card && input.card) await deps.ledger.noteCard(stored, input.card);
      return { result, payment: stored ?? payment, ...(current ? { invoice: current } : {}) };
    }
    // Stale: the invoice or the balance changed under us; read again, after a short random pause.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`Could not record payment ${input.externalId}: its invoice or balance kept changing`);
}

/** The ledger entry for money that did not go to an invoice, and why. */
function creditOf(excess: Money, invoice: Invoice | undefined, paid: Invoice | undefined): Pick<LedgerEntry, 'kind' | 'amount' | 'description'> {
  if (!invoice) return { kind: 'funds_added', amount: excess, description: 'Funds added' };
  const number = invoice.state.number;
  return {
    kind: 'overpayment',
    amount: excess,
    description: paid ? `Overpayment of invoice ${number}` : `Payment for invoice ${number}, which was already ${invoice.status}`,
  };
}

async function invoiceFor(deps: RecordPaymentDeps, input: ReceivedPayment, invoiceId: string): Promise<Invoice> {
  const invoice = await deps.invoices.get(invoiceId);
  if (!invoice) throw new NotFoundError('Invoice');
  const number = invoice.state.number;
  if (invoice.customerId !== input.customerId) {
    throw new BusinessRuleError(`Payment ${input.externalId} is from another customer than invoice ${number}'s.`);
  }
  if (invoice.state.currency !== input.amount.currency) {
    throw new BusinessRuleError(`Payment ${input.externalId} is in ${input.amount.currency}, invoice ${number} in ${invoice.state.currency}.`);
  }
  return invoice;
}

async function assertAccountCurrency(deps: RecordPaymentDeps, input: ReceivedPayment): Promise<void> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Customer');
  if (customer.currency !== input.amount.currency) {
    throw new BusinessRuleError(`Payment ${input.externalId} is in ${input.amount.currency}, the account in ${customer.currency}.`);
  }
}

function paymentOf(input: ReceivedPayment, now: Date, applied: Money, unowed: boolean): Payment {
  return {
    method: input.method,
    externalId: input.externalId,
    customerId: input.customerId,
    ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
    amount: input.amount,
    appliedToInvoice: applied,
    receivedAt: now.toISOString(),
    ...(unowed ? { unowed: true } : {}),
    ...(input.card ? { card: input.card } : {}),
    ...(input.offline ? { offline: input.offline } : {}),
    ...(input.processorFee ? { processorFee: input.processorFee } : {}),
  };
}

function creditEntry(
  deps: RecordPaymentDeps,
  input: ReceivedPayment,
  now: Date,
  entry: Pick<LedgerEntry, 'kind' | 'amount' | 'description'>,
): LedgerEntry {
  return {
    id: deps.ids.newId('led'),
    customerId: input.customerId,
    ...entry,
    createdAt: now.toISOString(),
    ...(input.invoiceId ? { invoiceId: input.invoiceId } : {}),
    externalPaymentId: input.externalId,
  };
}
