import type { Invoice, OpenCheckout } from '../../domain/invoice.js';
import { CUSTOMER, paymentActivities } from '../../domain/invoice-activity.js';
import type { LedgerEntry } from '../../domain/ledger-entry.js';
import { type Money, add, money, sum, zero } from '../../domain/money.js';
import type { Payment, PaymentAllocation, PaymentMethod } from '../../domain/payment.js';
import type { PaymentBatch } from '../../ports/payment-batches.js';
import { incomeEffects, paymentEffects, processorFeeEffects } from './payment-effects.js';
import type { RecordPaymentDeps } from './record-payment.js';

const MAX_ATTEMPTS = 20;

/**
 * Money has arrived for several invoices paid together (mass pay). In one transaction, each invoice
 * of the batch still open is paid its share, the payment is recorded once (naming every invoice, and
 * listed in each one's history), and any share that found its invoice already paid or void, or more
 * than it still owed, becomes account credit. Either every invoice is paid, or (the transaction
 * failing) none is. Recorded at most once per external payment id.
 * @returns the checkouts the payment closed on its invoices (other than the one it was made on)
 */
export async function recordBatchPayment(
  deps: RecordPaymentDeps,
  input: { method: PaymentMethod; externalId: string; customerId: string; batch: PaymentBatch; amount: Money; card?: { brand: string; last4: string } },
): Promise<{ result: 'recorded' | 'duplicate'; closedCheckouts: OpenCheckout[] }> {
  const { batch } = input;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = deps.clock.now();
    const read = await Promise.all(batch.invoices.map(async (share) => ({ share, invoice: await deps.invoices.get(share.invoiceId) })));
    const updates: Array<{ next: Invoice; expectedVersion: number }> = [];
    const allocations: PaymentAllocation[] = [];
    const closedCheckouts: OpenCheckout[] = [];
    let excess = zero(input.amount.currency);
    for (const { share, invoice } of read) {
      if (invoice?.status !== 'open' || invoice.customerId !== input.customerId) {
        excess = add(excess, share.amount);
        continue;
      }
      const paid = invoice.recordPayment(share.amount, now);
      updates.push({ next: paid.invoice, expectedVersion: invoice.state.version });
      allocations.push({ invoiceId: invoice.id, amount: paid.applied });
      excess = add(excess, paid.excess);
      if (paid.closedCheckout) closedCheckouts.push(paid.closedCheckout);
    }
    // Whatever the batch did not account for (a payment of another amount than it asked) is credit too.
    const unaccounted = input.amount.amountMinor - batch.total.amountMinor;
    if (unaccounted !== 0) excess = money(Math.max(0, excess.amountMinor + unaccounted), excess.currency);

    const applied = sum(input.amount.currency, allocations.map((a) => a.amount));
    const payment: Payment = {
      method: input.method, externalId: input.externalId, customerId: input.customerId, amount: input.amount,
      appliedToInvoice: applied, receivedAt: now.toISOString(), allocations, ...(input.card ? { card: input.card } : {}),
    };
    const credit: LedgerEntry | undefined = excess.amountMinor > 0 ? {
      id: deps.ids.newId('led'), customerId: input.customerId, kind: 'overpayment', amount: excess, createdAt: now.toISOString(),
      description: `Part of a payment for ${batch.invoices.length} invoices that they no longer owed`,
      invoiceIds: batch.invoices.map((i) => i.invoiceId), externalPaymentId: input.externalId,
    } : undefined;

    const effects = [...updates.flatMap(({ next }) => paymentEffects(next, payment)), ...processorFeeEffects(payment), ...incomeEffects(payment)];
    const result = await deps.ledger.recordPayment({ payment, invoices: updates, effects, ...(credit ? { credit } : {}) });
    if (result === 'recorded') {
      await logBatchPayment(deps, payment);
      return { result, closedCheckouts };
    }
    if (result === 'duplicate') {
      const stored = await deps.ledger.findPayment(input.method, input.externalId);
      // The first report may not have named the card (payment_intent.succeeded does not); this one does.
      if (stored && !stored.card && input.card) await deps.ledger.noteCard(stored, input.card);
      // A report after a process died between the payment and its log lines writes them now.
      if (stored) await logBatchPayment(deps, stored);
      return { result, closedCheckouts: [] };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new Error(`Could not record payment ${input.externalId}: its invoices kept changing`);
}

/**
 * The invoices' activity lines of a payment for several invoices, written right after it: its
 * transaction is already near DynamoDB's 100 items (MAX_INVOICES_TOGETHER). Their ids come from the
 * payment, so writing them again (a redelivered webhook) changes nothing.
 */
export async function logBatchPayment(deps: Pick<RecordPaymentDeps, 'activity'>, payment: Payment): Promise<void> {
  const lines = paymentActivities(payment, CUSTOMER, () => `pay_${payment.method}_${payment.externalId}`);
  await Promise.all(lines.map((line) => deps.activity.record(line)));
}
