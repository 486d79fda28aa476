import type { Invoice, InvoiceFilter } from './api/types.js';

/** What a customer sees as an invoice's status; `open` splits by its flags. */
export type DisplayStatus = 'void' | 'paid' | 'pending' | 'overdue' | 'unpaid' | 'draft';

export function displayStatus(invoice: Pick<Invoice, 'status' | 'paymentPending' | 'overdue'>): DisplayStatus {
  if (invoice.status === 'void') return 'void';
  if (invoice.status === 'paid') return 'paid';
  if (invoice.status === 'draft') return 'draft';
  if (invoice.paymentPending) return 'pending';
  if (invoice.overdue) return 'overdue';
  return 'unpaid';
}

export const statusLabels: Record<DisplayStatus, string> = {
  void: 'Void',
  paid: 'Paid',
  pending: 'Payment pending',
  overdue: 'Overdue',
  unpaid: 'Unpaid',
  draft: 'Draft',
};

export const filterOptions: { value: InvoiceFilter | ''; label: string; empty: string }[] = [
  { value: '', label: 'All invoices', empty: 'There are no invoices yet.' },
  { value: 'unpaid', label: 'Unpaid', empty: 'There are no unpaid invoices. Nothing is waiting to be paid.' },
  { value: 'overdue', label: 'Overdue', empty: 'There are no overdue invoices.' },
  { value: 'pending', label: 'Payment pending', empty: 'No payments are being processed right now.' },
  { value: 'paid', label: 'Paid', empty: 'There are no paid invoices yet.' },
  { value: 'void', label: 'Void', empty: 'There are no voided invoices.' },
];

export function isFilter(value: string | null): value is InvoiceFilter {
  return filterOptions.some((option) => option.value !== '' && option.value === value);
}
