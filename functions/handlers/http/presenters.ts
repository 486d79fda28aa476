import type * as z from 'zod';
import { calendarDateOf } from '../../domain/calendar-date.js';
import type { AmountOwed } from '../../domain/amount-owed.js';
import { type Customer, currentEmailBounce, currentEmailComplaint } from '../../domain/customer.js';
import { type BillTo, type Invoice, billedTo } from '../../domain/invoice.js';
import { type SavedCard, isExpired } from '../../domain/saved-card.js';
import type { Seller } from '../../ports/invoice-document-renderer.js';
import type { Page } from '../../ports/page.js';
import type { ProviderCheckoutRecord } from '../../ports/payments/checkout-history.js';
import type { ActivityActor, InvoiceActivity } from '../../domain/invoice-activity.js';
import type { Refund } from '../../domain/refund.js';
import type { ProcessorFee } from '../../domain/processor-fee.js';
import type { Service } from '../../domain/service.js';
import { type invoiceServiceSchema, subscriptionView } from './service-schemas.js';
import type { Statement } from '../../use-cases/get-my-statement.js';
import type { PaymentRecord } from '../../use-cases/steps/payment-history.js';
import type { statementSchema } from './credit-schemas.js';
import type {
  cardOnFileSchema, cryptoCheckoutSchema, customerSchema, invoicePaymentSchema, invoiceSchema, invoiceSummarySchema, paymentRefundSchema,
} from './schemas.js';
import type { invoiceActivityListSchema, invoiceActivitySchema } from './staff-schemas.js';

/**
 * Domain objects as the API answers them. Each returns the output type of the schema that
 * openapi.ts publishes for it, so the document and the answers cannot drift apart unnoticed
 * (test/unit/http/presenters.test.ts checks that no field is answered that is not published).
 */

export function customerView(c: Customer): z.output<typeof customerSchema> {
  return {
    id: c.id, email: c.email, name: c.name, currency: c.currency, autopay: c.autopay,
    ...(c.defaultCardId ? { defaultCardId: c.defaultCardId } : {}),
    creditBalance: c.creditBalance.amountMinor, createdAt: c.createdAt,
    ...billingDetailsView(c),
    ...emailProblemsView(c),
    ...(c.signInDisabledAt ? { signInDisabledAt: c.signInDisabledAt } : {}),
  };
}

/** The bounce and complaint of the customer's current address (one of an address they no longer have does not count). */
function emailProblemsView(c: Customer) {
  const bounced = currentEmailBounce(c);
  const complained = currentEmailComplaint(c);
  return {
    ...(bounced ? { emailBounced: { at: bounced.at, reason: bounced.diagnostic } } : {}),
    ...(complained ? { emailComplained: { at: complained.at, reason: complained.diagnostic } } : {}),
  };
}

function billingDetailsView(c: Pick<Customer, 'billingAddress' | 'taxId'>) {
  return { ...(c.billingAddress ? { billingAddress: [...c.billingAddress] } : {}), ...(c.taxId ? { taxId: c.taxId } : {}) };
}

export function owedView(owed: AmountOwed): z.output<typeof invoiceSummarySchema> {
  return {
    currency: owed.due.currency, amountDue: owed.due.amountMinor, amountOverdue: owed.overdue.amountMinor,
    invoicesDue: owed.invoicesDue, invoicesOverdue: owed.invoicesOverdue,
  };
}

export function invoiceView(
  invoice: Invoice, now: Date,
  parties: { seller?: Seller; customer?: Customer | undefined; payments?: readonly PaymentRecord[]; staff?: boolean; service?: Service | undefined } = {},
): z.output<typeof invoiceSchema> {
  const s = invoice.state;
  return {
    id: s.id,
    number: s.number,
    customerId: s.customerId,
    status: s.status,
    currency: s.currency,
    lines: s.lines.map((l) => ({
      description: l.description, quantity: l.quantity, unitAmount: l.unitAmount.amountMinor, amount: l.amount.amountMinor,
    })),
    total: s.total.amountMinor,
    amountPaid: s.amountPaid.amountMinor,
    amountRefunded: invoice.amountRefunded.amountMinor,
    amountDue: invoice.amountDue.amountMinor,
    issuedAt: s.issuedAt,
    issueDate: calendarDateOf(new Date(s.issuedAt)),
    dueDate: s.dueDate,
    overdue: invoice.isOverdue(now),
    daysOverdue: invoice.daysOverdue(now),
    ...(s.dunning ? {
      automaticCharge: {
        lastOutcome: s.dunning.lastOutcome, lastAttemptAt: s.dunning.lastAt, declines: s.dunning.declines,
        ...(s.dunning.lastReason ? { reason: s.dunning.lastReason } : {}),
        ...(s.dunning.nextAttemptAt && s.status === 'open' ? { nextAttemptAt: s.dunning.nextAttemptAt } : {}),
      },
    } : {}),
    paymentPending: s.paymentPending,
    // A pending payment is the invoice's live checkout's (crypto confirmations, a PayPal capture clearing).
    ...(s.paymentPending && s.checkout ? { pendingMethod: s.checkout.method } : {}),
    ...(s.paidAt ? { paidAt: s.paidAt } : {}),
    ...(s.voidedAt ? { voidedAt: s.voidedAt } : {}),
    ...(parties.seller ? {
      seller: { name: parties.seller.name, addressLines: [...parties.seller.addressLines], email: parties.seller.email },
    } : {}),
    ...(parties.customer ? { customer: billToView(billedTo(invoice, parties.customer)) } : {}),
    ...(parties.payments ? { payments: parties.payments.map((payment) => paymentView(payment, parties.staff ?? false)) } : {}),
    ...(parties.service ? { service: invoiceServiceView(parties.service) } : {}),
  };
}

/** The service an invoice bills, and how it is paid: what the invoice page needs to offer a subscription. */
function invoiceServiceView(service: Service): z.output<typeof invoiceServiceSchema> {
  const subscription = service.state.subscription;
  return {
    id: service.id, name: service.state.name, cycle: service.state.cycle,
    ...(subscription ? { subscription: subscriptionView(subscription) } : {}),
  };
}

/** A payment in an invoice's history, with its refunds; its id, who refunded, why a refund failed and what is left to refund are for staff only. */
export function paymentView(record: PaymentRecord, staff: boolean): z.output<typeof invoicePaymentSchema> {
  const { payment, refunds, refundable } = record;
  const { refund } = payment;
  return {
    method: payment.method,
    ...(staff ? { externalId: payment.externalId } : {}),
    amount: payment.amount.amountMinor,
    appliedToInvoice: payment.appliedToInvoice.amountMinor,
    ...(payment.allocations && payment.allocations.length > 1 ? { invoicesPaid: payment.allocations.length } : {}),
    receivedAt: payment.receivedAt,
    ...(payment.card ? { card: { brand: payment.card.brand, last4: payment.card.last4 } } : {}),
    ...(payment.offline ? { offline: { kind: payment.offline.kind, reference: payment.offline.reference, receivedOn: payment.offline.receivedOn } } : {}),
    ...(refund ? { refund: { status: refund.status, amount: refund.amount.amountMinor, ...(staff && refund.failure ? { failure: refund.failure } : {}) } } : {}),
    refunds: refunds.map((r) => refundView(r, staff)),
    ...(staff && payment.processorFee ? { processorFee: processorFeeView(payment.processorFee) } : {}),
    ...(staff ? { refundable: { toOriginal: refundable.toOriginal.amountMinor, toCredit: refundable.toCredit.amountMinor } } : {}),
  };
}

/** A card payment's processor fee as staff see it (minor units, in the currency it settled in). */
export function processorFeeView(fee: ProcessorFee): NonNullable<z.output<typeof invoicePaymentSchema>['processorFee']> {
  return {
    amount: fee.fee.amountMinor, currency: fee.fee.currency, settledAmount: fee.settled.amountMinor,
    ...(fee.exchangeRate !== undefined ? { exchangeRate: fee.exchangeRate } : {}),
    basisPoints: fee.basisPoints, flagged: fee.flagged,
  };
}

export function refundView(refund: Refund, staff: boolean): z.output<typeof paymentRefundSchema> {
  return {
    amount: refund.amount.amountMinor, destination: refund.destination, status: refund.status, requestedAt: refund.requestedAt,
    ...(refund.refundedAt ? { refundedAt: refund.refundedAt } : {}),
    ...(staff ? { by: actorName(refund.by) } : {}),
  };
}

const PROVIDER_NAMES: Record<Extract<ActivityActor, { kind: 'provider' }>['method'], string> = {
  card: 'Card processor', paypal: 'PayPal', crypto: 'Crypto processor',
};

/** Who did something, in the words of staff's activity log. */
export function actorName(by: ActivityActor): string {
  switch (by.kind) {
    case 'staff': return by.email;
    case 'customer': return 'Customer';
    case 'system': return 'System';
    case 'provider': return PROVIDER_NAMES[by.method];
  }
}

export function activityView(line: InvoiceActivity): z.output<typeof invoiceActivitySchema> {
  return {
    id: line.id, kind: line.kind, at: line.at, by: { kind: line.by.kind, name: actorName(line.by) },
    ...(line.amount ? { amount: line.amount.amountMinor } : {}),
    ...(line.applied ? { applied: line.applied.amountMinor } : {}),
    ...(line.method ? { method: line.method } : {}),
    ...(line.paymentId ? { paymentId: line.paymentId } : {}),
    ...(line.destination ? { destination: line.destination } : {}),
    ...(line.reference ? { reference: line.reference } : {}),
    ...(line.outcome ? { outcome: line.outcome } : {}),
    ...(line.reason ? { reason: line.reason } : {}),
  };
}

export function activityListView(invoice: Invoice, lines: readonly InvoiceActivity[]): z.output<typeof invoiceActivityListSchema> {
  return { currency: invoice.state.currency, items: lines.map(activityView) };
}

export function savedCardView(card: SavedCard, customer: Customer, now: Date): z.output<typeof cardOnFileSchema> {
  return {
    id: card.id, brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear,
    isDefault: customer.defaultCardId === card.id, expired: isExpired(card, now),
  };
}

/** One of an invoice's crypto checkouts as BTCPay holds it (staff only). */
export function cryptoCheckoutView(record: ProviderCheckoutRecord): z.output<typeof cryptoCheckoutSchema> {
  return {
    id: record.id, status: record.status, ...(record.detail ? { detail: record.detail } : {}),
    amount: record.amount.amountMinor, paid: record.paid.amountMinor, currency: record.amount.currency,
    createdAt: record.createdAt, expiresAt: record.expiresAt,
    payments: record.payments.map((p) => ({ id: p.id, method: p.method, amount: p.amount, currency: p.currency, status: p.status, receivedAt: p.receivedAt })),
  };
}

export function pageView<T, V>(page: Page<T>, view: (item: T) => V) {
  return { items: page.items.map(view), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** A statement page as the API answers it; who made an adjustment is for staff only. */
export function statementView(statement: Statement, audience: { staff: boolean }): z.output<typeof statementSchema> {
  return {
    currency: statement.openingBalance.currency,
    openingBalance: statement.openingBalance.amountMinor,
    items: statement.lines.map(({ entry, balanceAfter }) => ({
      id: entry.id, kind: entry.kind, amount: entry.amount.amountMinor, balanceAfter: balanceAfter.amountMinor,
      createdAt: entry.createdAt, description: entry.description,
      ...(entry.invoiceId ? { invoiceId: entry.invoiceId } : {}),
      ...(entry.invoiceIds ? { invoiceIds: [...entry.invoiceIds] } : {}),
      ...(audience.staff && entry.actor ? { actor: { id: entry.actor.id, name: entry.actor.name } } : {}),
    })),
    ...(statement.nextCursor ? { nextCursor: statement.nextCursor } : {}),
  };
}

function billToView(billTo: BillTo) {
  return { name: billTo.name, email: billTo.email, ...billingDetailsView(billTo) };
}
