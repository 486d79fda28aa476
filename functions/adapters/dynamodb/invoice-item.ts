import { calendarDate } from '../../domain/calendar-date.js';
import { type BillTo, type ChargeAttempt, type Dunning, Invoice, type InvoiceStatus, type OpenCheckout } from '../../domain/invoice.js';
import { currency, money } from '../../domain/money.js';
import { keys } from './keys.js';

/** How an invoice is stored: its state, plus the index keys of ACCESS-PATTERNS.md. */
export interface InvoiceItem {
  id: string;
  number: number;
  customerId: string;
  currency: string;
  status: InvoiceStatus;
  lines: { description: string; quantity: number; unitAmount: number; amount: number }[];
  total: number;
  amountPaid: number;
  amountRefunded?: number;
  issuedAt: string;
  dueDate: string;
  paymentPending: boolean;
  paidAt?: string;
  voidedAt?: string;
  chargeAttempt?: ChargeAttempt;
  checkout?: OpenCheckout;
  billTo?: BillTo;
  dunning?: Dunning;
  version: number;
}

/**
 * The invoice number as a sort key: zero-padded, so that lists sort by number, which is unique and
 * follows issue order (two invoices issued in the same millisecond still list in number order).
 */
export const numberKey = (number: number): string => number.toString().padStart(12, '0');

export function toInvoiceItem(invoice: Invoice) {
  const s = invoice.state;
  return {
    ...keys.invoice(s.id),
    GSI1PK: `CUSTOMER#${s.customerId}`,
    GSI1SK: `INVOICE#${numberKey(s.number)}`,
    GSI2PK: `INVOICE_STATUS#${s.status}`,
    GSI2SK: `${s.dueDate}#${s.id}`,
    GSI3PK: 'INVOICES',
    GSI3SK: numberKey(s.number),
    type: 'invoice',
    id: s.id,
    number: s.number,
    customerId: s.customerId,
    currency: s.currency,
    status: s.status,
    lines: s.lines.map((l) => ({
      description: l.description, quantity: l.quantity, unitAmount: l.unitAmount.amountMinor, amount: l.amount.amountMinor,
    })),
    total: s.total.amountMinor,
    amountPaid: s.amountPaid.amountMinor,
    amountRefunded: s.amountRefunded?.amountMinor,
    issuedAt: s.issuedAt,
    dueDate: s.dueDate,
    paymentPending: s.paymentPending,
    paidAt: s.paidAt,
    voidedAt: s.voidedAt,
    chargeAttempt: s.chargeAttempt,
    checkout: s.checkout,
    billTo: s.billTo,
    dunning: s.dunning,
    version: s.version,
  } satisfies InvoiceItem & Record<string, unknown>;
}

export function fromInvoiceItem(item: Record<string, unknown>): Invoice {
  const i = item as unknown as InvoiceItem;
  const code = currency(i.currency);
  return Invoice.fromState({
    id: i.id,
    number: i.number,
    customerId: i.customerId,
    currency: code,
    status: i.status,
    lines: i.lines.map((l) => ({
      description: l.description, quantity: l.quantity, unitAmount: money(l.unitAmount, code), amount: money(l.amount, code),
    })),
    total: money(i.total, code),
    amountPaid: money(i.amountPaid, code),
    ...(i.amountRefunded ? { amountRefunded: money(i.amountRefunded, code) } : {}),
    issuedAt: i.issuedAt,
    dueDate: calendarDate(i.dueDate),
    paymentPending: i.paymentPending,
    ...(i.paidAt ? { paidAt: i.paidAt } : {}),
    ...(i.voidedAt ? { voidedAt: i.voidedAt } : {}),
    ...(i.chargeAttempt ? { chargeAttempt: i.chargeAttempt } : {}),
    ...(i.checkout ? { checkout: i.checkout } : {}),
    ...(i.billTo ? { billTo: i.billTo } : {}),
    ...(i.dunning ? { dunning: i.dunning } : {}),
    version: i.version,
  });
}
