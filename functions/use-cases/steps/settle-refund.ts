import { ConflictError } from '../../domain/errors.js';
import type { Invoice } from '../../domain/invoice.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { min } from '../../domain/money.js';
import { type Refund, refundActivities } from '../../domain/refund.js';
import type { Clock } from '../../ports/clock.js';
import type { IdGenerator } from '../../ports/id-generator.js';
import type { InvoiceRepository } from '../../ports/invoice-repository.js';
import type { InvoiceChange, RefundRecords } from '../../ports/refund-records.js';

export interface SettleRefundDeps {
  refundRecords: RefundRecords;
  invoices: InvoiceRepository;
  ids: IdGenerator;
  clock: Clock;
}

const MAX_ATTEMPTS = 20;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));

/**
 * What a refund does to the invoices it gives back from, as they stand now (see Invoice.recordRefund):
 * a paid invoice records the amount refunded; an open one is owed it again. An invoice voided or
 * gone meanwhile is left alone: the money has moved all the same, and the refund says from where.
 */
export async function invoiceChanges(invoices: InvoiceRepository, refund: Refund): Promise<InvoiceChange[]> {
  const changes: InvoiceChange[] = [];
  for (const share of refund.invoices) {
    const invoice = await invoices.get(share.invoiceId);
    const next = invoice ? refunded(invoice, share.amount) : undefined;
    if (invoice && next) changes.push({ next, expectedVersion: invoice.state.version });
  }
  return changes;
}

function refunded(invoice: Invoice, amount: Refund['amount']): Invoice | undefined {
  if (invoice.status === 'paid') return invoice.recordRefund(amount);
  if (invoice.status !== 'open') return undefined;
  const part = min(amount, invoice.amountPaid);
  return part.amountMinor > 0 ? invoice.recordRefund(part) : undefined;
}

/**
 * The provider took a reserved refund (`providerRefundId`): it is marked done, its invoices change and
 * their logs say so, in one transaction. Whoever comes second (the API's answer or the refund's
 * webhook) finds it done and changes nothing; if the provider's refund id is already recorded under
 * another request, this reservation is released and that record returned.
 */
export async function completeRefund(
  deps: SettleRefundDeps,
  reserved: Refund,
  providerRefundId: string,
  giveBack: LedgerEntry | undefined,
): Promise<Refund> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const done: Refund = { ...reserved, status: 'refunded', providerRefundId, refundedAt: deps.clock.now().toISOString() };
    const result = await deps.refundRecords.complete({
      refund: done, invoices: await invoiceChanges(deps.invoices, done), activity: refundActivities(done, () => deps.ids.newId('act')),
    });
    if (result === 'completed') return done;
    if (result === 'already_completed') return (await deps.refundRecords.find(reserved.payment, reserved.requestId)) ?? done;
    if (result === 'refund_id_taken') {
      await releaseRefund(deps, reserved, giveBack);
      return (await deps.refundRecords.findByProviderRefund(reserved.payment, providerRefundId))!;
    }
    await pause(attempt);
  }
  throw new ConflictError('The invoice kept changing while the refund was recorded; the refund went through, and its webhook will record it.');
}

/** Undoes a reservation the provider did not take: the payment's totals, and any credit it set aside, are as they were. */
export async function releaseRefund(deps: Pick<SettleRefundDeps, 'refundRecords' | 'clock'>, reserved: Refund, giveBack: LedgerEntry | undefined): Promise<void> {
  await deps.refundRecords.release({
    refund: reserved, ...(giveBack ? { giveBack: { ...giveBack, createdAt: deps.clock.now().toISOString() } } : {}),
  });
}
