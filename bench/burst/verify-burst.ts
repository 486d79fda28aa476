import type { DynamoInvoiceRepository } from '../../functions/adapters/dynamodb/dynamo-invoice-repository.js';
import type { DynamoPaymentLedger } from '../../functions/adapters/dynamodb/dynamo-payment-ledger.js';
import type { Capture } from '../../local/stripe-sandbox/index.js';

/** What the books and the processor show for the burst's invoices once it is over. */
export interface BurstOutcome {
  readonly invoices: number;
  readonly paid: number;
  /** Invoices not paid in full at the end (must be 0). */
  readonly unpaid: number;
  /** Captures at the processor for these invoices, in all. */
  readonly captures: number;
  /** Invoices captured more than once (must be 0). */
  readonly doubleCharged: number;
  /** Invoices with exactly one capture at the processor, and one payment in the ledger. */
  readonly capturedOnce: number;
  readonly paidOnce: number;
  /**
   * Invoices whose due-date step was recorded as anything but paid: declined, needing the customer,
   * not charged (a 429 taken for a decline; must be 0). A paid invoice whose step was never recorded
   * (its webhook paid it while the step's message waited to be delivered again) is not one.
   */
  readonly stepsNotPaid: number;
  /** Anything else, by invoice: what went wrong (empty when all is well). */
  readonly problems: readonly string[];
}

/**
 * Reads back every invoice of the burst: paid in full, its due-date step recorded as paid (not as a
 * decline), exactly one capture at the processor and exactly one payment in our ledger.
 */
export async function verifyBurst(
  deps: { invoices: DynamoInvoiceRepository; ledger: DynamoPaymentLedger; captures: readonly Capture[] },
  invoices: readonly { invoiceId: string }[],
  amountMinor: number,
): Promise<BurstOutcome> {
  const capturesPer = new Map<string, number>();
  for (const capture of deps.captures) if (capture.invoiceId) capturesPer.set(capture.invoiceId, (capturesPer.get(capture.invoiceId) ?? 0) + 1);
  const problems: string[] = [];
  let paid = 0;
  let captures = 0;
  let doubleCharged = 0;
  let stepsNotPaid = 0;
  let capturedOnce = 0;
  let paidOnce = 0;
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < invoices.length) {
      const { invoiceId } = invoices[next++]!;
      const [invoice, payments] = await Promise.all([deps.invoices.get(invoiceId), deps.ledger.listInvoicePayments(invoiceId)]);
      const captured = capturesPer.get(invoiceId) ?? 0;
      const isPaid = invoice?.status === 'paid' && invoice.amountPaid.amountMinor === amountMinor;
      const step = invoice?.state.dunning?.lastOutcome;
      const stepPaid = step === undefined ? invoice?.status === 'paid' : step === 'paid';
      if (isPaid) paid++;
      if (!stepPaid) stepsNotPaid++;
      captures += captured;
      if (captured > 1) doubleCharged++;
      if (captured === 1) capturedOnce++;
      if (payments.length === 1) paidOnce++;
      if (!isPaid || !stepPaid || captured !== 1 || payments.length !== 1) {
        const attempt = invoice?.state.chargeAttempt;
        problems.push(`${invoiceId}: ${invoice?.status ?? 'missing'}, paid ${invoice?.amountPaid.amountMinor}, step ${invoice?.state.dunning?.lastOutcome}, `
          + `attempt ${attempt ? `${attempt.number} ${attempt.status} since ${attempt.startedAt}` : 'none'}, ${captured} captures, ${payments.length} payments`);
      }
    }
  }));
  return { invoices: invoices.length, paid, unpaid: invoices.length - paid, captures, doubleCharged, capturedOnce, paidOnce, stepsNotPaid, problems };
}
