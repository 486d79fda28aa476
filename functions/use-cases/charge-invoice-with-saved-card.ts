import type { Customer } from '../domain/customer.js';
import { ConflictError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { SavedCard } from '../domain/saved-card.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { PaymentGateway } from '../ports/payment-gateway.js';
import { ensureCardProcessorCustomer } from './ensure-card-processor-customer.js';
import { providerCall } from './provider-call.js';
import { type RecordPaymentDeps, recordPayment } from './record-payment.js';

export type CardChargeResult =
  | { status: 'paid'; invoice: Invoice }
  | { status: 'declined'; message: string }
  | { status: 'requires_action'; message: string }
  | { status: 'processing' };

/**
 * Charges a saved card for what an invoice owes, with the customer absent or present. The shared core
 * of "Pay with this card", the due-date charge and their retries:
 *
 * 1. take a charge attempt on the invoice (a conditional write: of fifty concurrent tries, one wins;
 *    the rest are told a payment is in progress);
 * 2. charge with the idempotency key `charge-<invoice>-<attempt>`, the same on every retry of the
 *    attempt, so the processor charges at most once whatever fails between;
 * 3. record the outcome: a success through `recordPayment` (once per processor payment id, whether
 *    this answer or the webhook arrives first), then close the attempt.
 *
 * If the processor is unreachable the attempt stays open; once its lease runs out, a retry resumes it
 * under the same key and gets the processor's first answer.
 */
export async function chargeInvoiceWithSavedCard(
  deps: RecordPaymentDeps & { customers: CustomerRepository; gateway: PaymentGateway },
  input: { invoice: Invoice; customer: Customer; card: SavedCard },
): Promise<CardChargeResult> {
  const { invoice, customer, card } = input;
  if (invoice.status === 'paid') return { status: 'paid', invoice };
  const customerRef = await ensureCardProcessorCustomer(deps, customer);

  const taken = invoice.beginChargeAttempt(deps.clock.now());
  if ('busy' in taken) throw new ConflictError('A payment for this invoice is already in progress.');
  await deps.invoices.save(taken.invoice, invoice.state.version).catch((error: unknown) => {
    throw error instanceof ConflictError ? new ConflictError('A payment for this invoice is already in progress.', { cause: error }) : error;
  });

  const outcome = await providerCall(() => deps.gateway.chargeSavedCard({
    customerRef, billingCustomerId: customer.id, cardId: card.id, invoiceId: invoice.id, amount: taken.amount,
    idempotencyKey: `charge-${invoice.id}-${taken.attempt}`,
  }));

  if (outcome.kind === 'processing') return { status: 'processing' };
  const recorded = outcome.kind === 'succeeded'
    ? await recordPayment(deps, { provider: 'stripe', externalId: outcome.paymentId, invoiceId: invoice.id, amount: outcome.amount })
    : undefined;
  await finishAttempt(deps, invoice.id, taken.attempt);

  switch (outcome.kind) {
    case 'succeeded':
      return { status: 'paid', invoice: recorded!.invoice };
    case 'declined':
      return { status: 'declined', message: outcome.message };
    case 'requires_action':
      return { status: 'requires_action', message: 'Your bank wants you to confirm this payment. Pay it on the card page to continue.' };
  }
}

/** Closes the attempt; a concurrent change (the webhook recording the payment) just means read again. */
async function finishAttempt(deps: RecordPaymentDeps, invoiceId: string, attempt: number): Promise<void> {
  for (let tries = 0; tries < 5; tries++) {
    const current = await deps.invoices.get(invoiceId);
    if (!current) return;
    const finished = current.finishChargeAttempt(attempt);
    if (finished === current) return;
    try {
      await deps.invoices.save(finished, current.state.version);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
