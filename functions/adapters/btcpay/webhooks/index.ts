import type { PaymentEvent } from '../../../ports/payments/payment-events.js';
import type { WebhookEvent } from '../greenfield.js';
import { invoiceExpired } from './invoice-expired.js';
import { invoiceInvalid } from './invoice-invalid.js';
import { invoicePaymentSettled } from './invoice-payment-settled.js';
import { invoiceProcessing } from './invoice-processing.js';
import { invoiceReceivedPayment } from './invoice-received-payment.js';
import { invoiceSettled } from './invoice-settled.js';
import type { BtcpayLookups, EventTranslator } from './translator.js';

/**
 * The allow-list (PROVIDERS.md), each with its own translator. InvoiceCreated is left out: a new
 * invoice needs nothing from us, so it is acknowledged without a claim.
 */
const TRANSLATORS: Readonly<Record<string, EventTranslator>> = {
  InvoiceReceivedPayment: invoiceReceivedPayment,
  InvoiceProcessing: invoiceProcessing,
  InvoicePaymentSettled: invoicePaymentSettled,
  InvoiceSettled: invoiceSettled,
  InvoiceExpired: invoiceExpired,
  InvoiceInvalid: invoiceInvalid,
};

export const HANDLED_EVENT_TYPES = Object.keys(TRANSLATORS);

/** Events about one payment of an invoice (several may come for one invoice: one per payment). */
export const PAYMENT_EVENT_TYPES: ReadonlySet<string> = new Set(['InvoiceReceivedPayment', 'InvoicePaymentSettled']);

export function handlesBtcpayEvent(type: string): boolean {
  return Object.hasOwn(TRANSLATORS, type);
}

/** The neutral event for one allow-listed BTCPay event, or null when it needs nothing from us. */
export function translateBtcpayEvent(event: WebhookEvent, lookups: BtcpayLookups): Promise<PaymentEvent | null> {
  const translate = Object.hasOwn(TRANSLATORS, event.type) ? TRANSLATORS[event.type] : undefined;
  return translate ? translate(event, lookups) : Promise.resolve(null);
}

export type { BtcpayLookups } from './translator.js';
