import type { Invoice } from '../api/types.js';
import { daysOverdueText, formatDate } from '../format.js';

/**
 * An invoice's due date, and under it how many days it is overdue while it is. The count is the
 * server's (`daysOverdue`, whole UTC calendar days by the system's clock), never the browser's, so
 * that a page agrees with the emails and with the local runtime's moved clock.
 */
export function DueDate({ invoice }: { invoice: Pick<Invoice, 'dueDate' | 'daysOverdue'> }) {
  return (
    <>
      {formatDate(invoice.dueDate)}
      {invoice.daysOverdue > 0 ? <span className="overdue-days">{daysOverdueText(invoice.daysOverdue)}</span> : null}
    </>
  );
}
