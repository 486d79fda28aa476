import type { Money } from '../../../domain/money.js';
import type { PaymentEvent } from '../../../ports/payments/payment-events.js';
import { fromBtcpayAmount, isBillingCurrency } from '../btcpay-money.js';
import { type InvoiceData, type InvoicePayment, type WebhookEvent, ourMetadata } from '../greenfield.js';

/** Reads an event may need from BTCPay: webhooks say what happened, not what the invoice holds now. */
export interface BtcpayLookups {
  /** The store's invoice, or undefined when it has none by that id. */
  invoice(btcpayInvoiceId: string): Promise<InvoiceData | undefined>;
  /** Every accounted payment on the invoice, across its payment methods. */
  payments(btcpayInvoiceId: string): Promise<InvoicePayment[]>;
}

/** Turns one verified BTCPay event into a neutral event, or null when it needs nothing from us. */
export type EventTranslator = (event: WebhookEvent, lookups: BtcpayLookups) => Promise<PaymentEvent | null>;

/**
 * A BTCPay invoice we made, as it stands at BTCPay now: whose it is (from the metadata we gave it),
 * and what its money amounts to. Events are read against this, not against their own words, so that
 * a late or repeated event can only lead to the state BTCPay is in (R4).
 */
export interface OurInvoice {
  readonly btcpayInvoiceId: string;
  readonly customerId: string;
  /** Absent for Add Funds: the money becomes account credit. */
  readonly invoiceId?: string;
  readonly status: InvoiceData['status'];
  /** The net fiat paid so far, as BTCPay counts it (network fees excluded). */
  readonly paid: Money;
}

/**
 * The invoice the event is about, if it is one of ours: made by this billing system (our customer in
 * its metadata) and in a currency we bill in. Anything else in the store (a point-of-sale sale) is
 * not ours, and null.
 */
export async function ourInvoice(event: WebhookEvent, lookups: BtcpayLookups): Promise<OurInvoice | null> {
  if (!event.invoiceId) return null;
  const invoice = await lookups.invoice(event.invoiceId);
  if (!invoice || !isBillingCurrency(invoice.currency)) return null;
  const metadata = ourMetadata.safeParse(invoice.metadata ?? {});
  const customerId = metadata.success ? metadata.data.customerId : undefined;
  if (!customerId) return null;
  const invoiceId = metadata.success ? metadata.data.invoiceId : undefined;
  return {
    btcpayInvoiceId: invoice.id,
    customerId,
    ...(invoiceId ? { invoiceId } : {}),
    status: invoice.status,
    paid: fromBtcpayAmount(invoice.paidAmount ?? '0', invoice.currency),
  };
}

/**
 * What the money on an invoice amounts to now. `pending`: some of it is still being confirmed (or the
 * invoice is still taking it); `paid`: BTCPay settled the invoice, or it expired with every payment on
 * it settled (an underpayment, or a payment made after it expired), so what was paid is final;
 * `closed`: it took nothing, or BTCPay made it invalid.
 */
export async function standing(invoice: OurInvoice, lookups: BtcpayLookups): Promise<'pending' | 'paid' | 'closed'> {
  switch (invoice.status) {
    case 'Settled':
      return 'paid';
    case 'Invalid':
      return 'closed';
    case 'New':
    case 'Processing':
      return invoice.paid.amountMinor > 0 || invoice.status === 'Processing' ? 'pending' : 'closed';
    case 'Expired': {
      const payments = await lookups.payments(invoice.btcpayInvoiceId);
      const counted = payments.filter((payment) => payment.status !== 'Invalid');
      if (counted.some((payment) => payment.status === 'Processing')) return 'pending';
      return counted.length > 0 && invoice.paid.amountMinor > 0 ? 'paid' : 'closed';
    }
  }
}

export function eventBase(event: WebhookEvent): { eventId: string; occurredAt: string } {
  return { eventId: event.originalDeliveryId ?? event.deliveryId, occurredAt: new Date(event.timestamp * 1000).toISOString() };
}

/** Money has arrived and is final: the amount BTCPay says was paid, in fiat. */
export function paid(event: WebhookEvent, invoice: OurInvoice): PaymentEvent | null {
  if (invoice.paid.amountMinor <= 0) return null;
  return {
    type: 'payment.succeeded', method: 'crypto', ...eventBase(event),
    paymentId: invoice.btcpayInvoiceId, checkoutId: invoice.btcpayInvoiceId,
    ...(invoice.invoiceId ? { invoiceId: invoice.invoiceId } : {}),
    billingCustomerId: invoice.customerId,
    amount: invoice.paid,
    endsPending: true,
  };
}

/** Money is on its way (sent, waiting for confirmations): "payment pending". */
export function pending(event: WebhookEvent, invoice: OurInvoice): PaymentEvent {
  return {
    type: 'payment.pending', method: 'crypto', ...eventBase(event),
    paymentId: invoice.btcpayInvoiceId,
    ...(invoice.invoiceId ? { invoiceId: invoice.invoiceId } : {}),
    billingCustomerId: invoice.customerId,
  };
}

/** The checkout took nothing and cannot any more: the invoice is unpaid again, with nothing recorded. */
export function closed(event: WebhookEvent, invoice: OurInvoice): PaymentEvent {
  return {
    type: 'checkout.closed', method: 'crypto', ...eventBase(event),
    checkoutId: invoice.btcpayInvoiceId,
    ...(invoice.invoiceId ? { invoiceId: invoice.invoiceId } : {}),
    endsPending: true,
  };
}
