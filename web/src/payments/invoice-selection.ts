import { useCallback, useState } from 'react';
import type { Invoice } from '../api/types.js';

/**
 * The most invoices one payment can pay (POST /v1/payments refuses more, naming `invoiceIds`): one
 * payment is one DynamoDB transaction of at most 100 items (functions/use-cases/pay-invoices-together.ts).
 */
export const MAX_INVOICES_TOGETHER = 45;

/** An invoice that can be ticked for mass pay: unpaid, something due, no payment settling. */
export function canPayTogether(invoice: Invoice): boolean {
  return invoice.status === 'open' && invoice.amountDue > 0 && !invoice.paymentPending;
}

export interface InvoiceSelection {
  /** The ticked invoices, in the order they were ticked, as they were when listed. */
  selected: Invoice[];
  /** Whether this invoice may be ticked at all. */
  selectable: (invoice: Invoice) => boolean;
  isSelected: (invoice: Invoice) => boolean;
  /** No more can be ticked: MAX_INVOICES_TOGETHER are. */
  full: boolean;
  toggle: (invoice: Invoice, on: boolean) => void;
  /** Ticks the selectable ones of `invoices`, up to the maximum. */
  selectAll: (invoices: Invoice[]) => void;
  clear: () => void;
}

/**
 * The invoices ticked on My Invoices for one payment. `excluded` are left out (a card page for them is
 * being confirmed right now).
 */
export function useInvoiceSelection(excluded: ReadonlySet<string>): InvoiceSelection {
  const [selected, setSelected] = useState<Invoice[]>([]);
  const selectable = useCallback((invoice: Invoice) => canPayTogether(invoice) && !excluded.has(invoice.id), [excluded]);

  return {
    selected,
    selectable,
    isSelected: (invoice) => selected.some((each) => each.id === invoice.id),
    full: selected.length >= MAX_INVOICES_TOGETHER,
    toggle: (invoice, on) =>
      setSelected((current) => {
        const without = current.filter((each) => each.id !== invoice.id);
        return on && selectable(invoice) && without.length < MAX_INVOICES_TOGETHER ? [...without, invoice] : without;
      }),
    selectAll: (invoices) =>
      setSelected((current) => {
        const added = invoices.filter((invoice) => selectable(invoice) && !current.some((each) => each.id === invoice.id));
        return [...current, ...added].slice(0, MAX_INVOICES_TOGETHER);
      }),
    clear: () => setSelected([]),
  };
}
