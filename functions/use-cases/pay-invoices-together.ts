import { BusinessRuleError, ConflictError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Invoice, OpenCheckout } from '../domain/invoice.js';
import type { LedgerEntry } from '../domain/ledger-entry.js';
import { type Money, money, sum, toDecimalString } from '../domain/money.js';
import type { Payment, ProviderPaymentMethod } from '../domain/payment.js';
import type { PaymentBatches } from '../ports/payment-batches.js';
import { assertChargeable } from './steps/assert-chargeable.js';
import { paymentEffects } from './steps/payment-effects.js';
import type { CardChargeDeps } from './steps/charge-invoice-with-saved-card.js';
import { closeCheckout, expireQuietly } from './steps/close-checkout.js';
import { ensureProviderCustomer } from './steps/ensure-provider-customer.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';
import { providerCall } from './steps/provider-call.js';
import { logBatchPayment } from './steps/record-batch-payment.js';

/**
 * The most invoices one payment can pay. One payment is one DynamoDB transaction, of at most 100 items
 * (docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html): for each invoice
 * its new state and its line in the payment history, plus the payment, the ledger entry and the balance.
 */
export const MAX_INVOICES_TOGETHER = 45;

export type PayTogetherResult =
  | { status: 'paid'; invoices: Invoice[]; total: Money }
  | { status: 'redirect'; redirectUrl: string; total: Money };

/**
 * Mass pay: the customer ticks several unpaid invoices and pays them together in one payment, as the
 * hosting control panels they know allow. Each invoice is then paid in full, or, if the payment fails,
 * none is. The combined payment is one line in each invoice's history, naming all of them.
 *
 * - `credit`: the account credit pays all of them in one transaction, or (not enough credit) nothing;
 * - `card`: one card page for the total; card pages left open for any of them are closed first, so
 *   that an invoice cannot be paid twice. The webhook pays the batch (recordBatchPayment).
 * @throws ValidationError naming `invoiceIds` (none, repeated, or more than MAX_INVOICES_TOGETHER)
 * @throws NotFoundError when an invoice is not the caller's
 * @throws BusinessRuleError when an invoice is not open, the credit does not cover the total, or cards cannot take it
 * @throws ConflictError when an invoice has a payment pending (a PayPal capture clearing, crypto
 *   confirmations) or being completed on its provider's page, named by its method
 */
export async function payInvoicesTogether(
  deps: CardChargeDeps & { batches: PaymentBatches },
  input: { userSub: string; invoiceIds: readonly string[]; method: 'card' | 'credit'; returnUrl: string },
): Promise<PayTogetherResult> {
  const ids = input.invoiceIds;
  if (ids.length === 0) throw new ValidationError('invoiceIds', 'Choose at least one invoice to pay.');
  if (new Set(ids).size !== ids.length) throw new ValidationError('invoiceIds', 'Each invoice can be chosen once.');
  if (ids.length > MAX_INVOICES_TOGETHER) {
    throw new ValidationError('invoiceIds', `At most ${MAX_INVOICES_TOGETHER} invoices can be paid together; pay the rest in a second payment.`);
  }
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  const invoices = await Promise.all(ids.map(async (id) => {
    const invoice = await deps.invoices.get(id);
    if (!invoice || invoice.customerId !== customer.id || invoice.status === 'draft') throw new NotFoundError('Invoice');
    if (invoice.status !== 'open') throw new BusinessRuleError(`Invoice ${invoice.label} is ${invoice.status}: leave it out and pay the others.`);
    if (invoice.state.paymentPending) {
      throw new ConflictError(`Invoice ${invoice.label} has a ${invoice.state.checkout ? METHOD_NAMES[invoice.state.checkout.method] : 'payment'} pending: leave it out and pay the others, or wait until it clears.`);
    }
    return invoice;
  }));
  const total = sum(customer.currency, invoices.map((invoice) => invoice.amountDue));
  if (input.method === 'credit') return payFromCredit(deps, customer.id, invoices, total);

  assertChargeable(deps.cardLimits, total);
  const checkouts = deps.checkouts.card;
  if (!checkouts) throw new BusinessRuleError('Card payments are not set up for this account yet.');
  const now = deps.clock.now();
  const open = await closeLivePages(deps, invoices, now);
  const batch = { id: deps.ids.newId('bat'), customerId: customer.id, invoices: open.map((i) => ({ invoiceId: i.id, amount: i.amountDue })), total, createdAt: now.toISOString() };
  await deps.batches.save(batch);
  const customerRef = await ensureProviderCustomer(deps, 'card', customer);
  const started = await providerCall(() => checkouts.startCheckout({
    customerRef, billingCustomerId: customer.id, purpose: { batchId: batch.id },
    description: `Invoices ${open.map((i) => i.state.number).join(', ')}`, amount: total, saveMethod: false,
    successUrl: `${input.returnUrl}/invoices?payment=processing`, cancelUrl: `${input.returnUrl}/invoices?payment=cancelled`,
    expiresAt: new Date(now.getTime() + 60 * 60_000),
  }));
  // The page is each invoice's live checkout now: nothing else may charge them while it is open.
  const page: OpenCheckout = { id: started.checkoutId, method: 'card', url: started.redirectUrl, amountMinor: total.amountMinor, expiresAt: started.expiresAt.toISOString() };
  for (const invoice of open) {
    const attached = invoice.attachCheckout(page, now);
    const saved = !('busy' in attached) && await deps.invoices.save(attached, invoice.state.version).then(() => true, (error: unknown) => {
      if (error instanceof ConflictError) return false;
      throw error;
    });
    if (!saved) {
      await expireQuietly(deps, page);
      throw new ConflictError(`Invoice ${invoice.label} is being paid another way right now; reload and try again.`);
    }
  }
  return { status: 'redirect', redirectUrl: started.redirectUrl, total };
}

/** What the customer calls a pending payment, and the page it was made on, by method. */
const METHOD_NAMES: Record<ProviderPaymentMethod, string> = { card: 'card payment', paypal: 'PayPal payment', crypto: 'cryptocurrency payment' };
const PAGE_NAMES: Record<ProviderPaymentMethod, string> = { card: 'card page', paypal: 'PayPal page', crypto: 'cryptocurrency checkout' };

/** Closes the card pages left open for any of the invoices, and answers them as they now stand. */
async function closeLivePages(deps: CardChargeDeps, invoices: Invoice[], now: Date): Promise<Invoice[]> {
  const current: Invoice[] = [];
  for (const invoice of invoices) {
    const live = invoice.liveCheckout(now);
    if (!live) {
      current.push(invoice);
      continue;
    }
    const closed = await closeCheckout(deps, invoice, live);
    if (closed === 'completed') {
      throw new ConflictError(`Invoice ${invoice.label} is being paid on its ${PAGE_NAMES[live.method]} right now; reload to see it, and pay the others without it.`);
    }
    current.push(closed);
  }
  return current;
}

/** All the invoices from credit in one transaction, or nothing: the balance must cover the total. */
async function payFromCredit(
  deps: CardChargeDeps,
  customerId: string,
  invoices: Invoice[],
  total: Money,
): Promise<PayTogetherResult> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const customer = (await deps.customers.get(customerId))!;
    if (customer.creditBalance.amountMinor < total.amountMinor) {
      throw new BusinessRuleError(
        `Your credit (${toDecimalString(customer.creditBalance)} ${total.currency}) does not cover the total (${toDecimalString(total)} ${total.currency}).`,
      );
    }
    const now = deps.clock.now();
    const current = attempt === 0 ? invoices : await Promise.all(invoices.map(async (i) => (await deps.invoices.get(i.id))!));
    if (current.some((i) => i.status !== 'open')) throw new ConflictError('One of these invoices was paid meanwhile; reload and choose again.');
    const paid = current.map((invoice) => ({ invoice, result: invoice.recordPayment(invoice.amountDue, now) }));
    const entryId = deps.ids.newId('led');
    const amount = sum(total.currency, current.map((i) => i.amountDue));
    const payment: Payment = {
      method: 'credit', externalId: entryId, customerId, amount, appliedToInvoice: amount, receivedAt: now.toISOString(),
      allocations: current.map((i) => ({ invoiceId: i.id, amount: i.amountDue })),
    };
    const entry: LedgerEntry = {
      id: entryId, customerId, kind: 'credit_applied', amount: money(-amount.amountMinor, amount.currency), createdAt: now.toISOString(),
      description: `Applied to invoices ${current.map((i) => i.label).join(', ')}`, invoiceIds: current.map((i) => i.id),
    };
    const result = await deps.ledger.recordPayment({
      payment, credit: entry, invoices: paid.map(({ invoice, result: r }) => ({ next: r.invoice, expectedVersion: invoice.state.version })),
      effects: paid.flatMap(({ result: r }) => paymentEffects(r.invoice, payment)),
    });
    if (result === 'recorded') {
      await logBatchPayment(deps, payment);
      for (const { result: r } of paid) if (r.closedCheckout) await expireQuietly(deps, r.closedCheckout);
      return { status: 'paid', invoices: paid.map(({ result: r }) => r.invoice), total: amount };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
  }
  throw new ConflictError('These invoices or your credit kept changing; please try again.');
}
