import { BusinessRuleError, NotFoundError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import { type Money, isPositive, zero } from '../domain/money.js';
import type { Payment, PaymentProvider } from '../domain/payment.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { InvoiceRepository } from '../ports/invoice-repository.js';
import type { PaymentLedger } from '../ports/payment-ledger.js';

export interface RecordPaymentDeps {
  invoices: InvoiceRepository;
  ledger: PaymentLedger;
  ids: IdGenerator;
  clock: Clock;
}

const MAX_ATTEMPTS = 20;

/**
 * Money has arrived for an invoice: the processor's webhook says so, or the answer to a charge did.
 * What is due goes to the invoice (paying it in part or in full); anything beyond becomes account
 * credit, with a ledger entry, in the same transaction. Money for an invoice that is no longer open
 * (paid by another route meanwhile, or voided) becomes credit in full: it is never lost.
 *
 * Recorded at most once per external payment id, however often and in whatever order it is reported.
 */
export async function recordPayment(
  deps: RecordPaymentDeps,
  input: { provider: PaymentProvider; externalId: string; invoiceId: string; amount: Money },
): Promise<{ result: 'recorded' | 'duplicate'; invoice: Invoice }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const invoice = await deps.invoices.get(input.invoiceId);
    if (!invoice) throw new NotFoundError('Invoice');
    if (invoice.state.currency !== input.amount.currency) {
      throw new BusinessRuleError(`Payment ${input.externalId} is in ${input.amount.currency}, invoice ${invoice.state.number} in ${invoice.state.currency}.`);
    }
    if (await deps.ledger.findPayment(input.provider, input.externalId)) return { result: 'duplicate', invoice };

    const now = deps.clock.now();
    const { next, applied, excess } = invoice.status === 'open'
      ? (({ invoice: next, applied, excess }) => ({ next, applied, excess }))(invoice.recordPayment(input.amount, now))
      : { next: undefined, applied: zero(input.amount.currency), excess: input.amount };

    const payment: Payment = {
      provider: input.provider, externalId: input.externalId, invoiceId: invoice.id, customerId: invoice.customerId,
      amount: input.amount, appliedToInvoice: applied, receivedAt: now.toISOString(),
    };
    const credit: LedgerEntry | undefined = isPositive(excess)
      ? {
        id: deps.ids.newId('led'),
        customerId: invoice.customerId,
        kind: 'overpayment',
        amount: excess,
        createdAt: now.toISOString(),
        description: next
          ? `Overpayment of invoice ${invoice.state.number}`
          : `Payment for invoice ${invoice.state.number}, which was already ${invoice.status}`,
        invoiceId: invoice.id,
        externalPaymentId: input.externalId,
      }
      : undefined;

    const result = await deps.ledger.recordPayment({
      payment,
      ...(next ? { invoice: { next, expectedVersion: invoice.state.version } } : {}),
      ...(credit ? { credit } : {}),
    });
    if (result === 'recorded') return { result, invoice: next ?? invoice };
    if (result === 'duplicate') return { result, invoice };
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`Could not record payment ${input.externalId}: invoice ${input.invoiceId} kept changing`);
}
