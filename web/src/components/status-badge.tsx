import type { Invoice } from '../api/types.js';
import { displayStatus, statusLabels } from '../invoice-status.js';

export function StatusBadge({ invoice }: { invoice: Pick<Invoice, 'status' | 'paymentPending' | 'overdue'> }) {
  const status = displayStatus(invoice);
  return <span className={`badge badge-${status}`}>{statusLabels[status]}</span>;
}
