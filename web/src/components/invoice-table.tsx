import type { ReactNode } from 'react';
import type { Invoice } from '../api/types.js';
import type { InvoiceSelection } from '../payments/invoice-selection.js';
import { formatDate, formatMoney, invoiceNumber } from '../format.js';
import { DueDate } from './due-date.js';
import { Link } from '../router.js';
import { StatusBadge } from './status-badge.js';

/**
 * Invoices as a table at desktop width and as stacked cards on a phone (CSS only; each cell carries
 * its column name in data-label for the narrow layout).
 */
export function InvoiceTable({
  invoices,
  linkTo,
  caption,
  customerCell,
  extraColumn,
  selection,
}: {
  invoices: Invoice[];
  linkTo: (invoice: Invoice) => string;
  caption: string;
  /** Staff lists show whose invoice it is. */
  customerCell?: (invoice: Invoice) => ReactNode;
  /** A last column of the list's own (the staff overdue list: where automatic billing stands). */
  extraColumn?: { header: string; cell: (invoice: Invoice) => ReactNode };
  /** My Invoices: a checkbox on each unpaid invoice, to pay several together. */
  selection?: InvoiceSelection;
}) {
  return (
    <table className="table table-cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {selection ? (
            <th scope="col" className="select-cell">
              <span className="visually-hidden">Select to pay</span>
            </th>
          ) : null}
          <th scope="col">Invoice</th>
          {customerCell ? <th scope="col">Customer</th> : null}
          <th scope="col">Issued</th>
          <th scope="col">Due</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Status</th>
          {extraColumn ? <th scope="col">{extraColumn.header}</th> : null}
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            {selection ? <SelectCell invoice={invoice} selection={selection} /> : null}
            <th scope="row" data-label="Invoice">
              <Link to={linkTo(invoice)} aria-label={`Invoice ${invoiceNumber(invoice.number)}`}>
                {invoiceNumber(invoice.number)}
              </Link>
            </th>
            {customerCell ? <td data-label="Customer">{customerCell(invoice)}</td> : null}
            <td data-label="Issued">{formatDate(invoice.issueDate)}</td>
            <td data-label="Due">
              <DueDate invoice={invoice} />
            </td>
            <td data-label="Amount" className="num">
              {formatMoney(invoice.total, invoice.currency)}
              {/* Partly paid: what is left, so that the total is not taken for what is owed. */}
              {invoice.status === 'open' && invoice.amountDue < invoice.total ? (
                <span className="small amount-left">{formatMoney(invoice.amountDue, invoice.currency)} due</span>
              ) : null}
            </td>
            <td data-label="Status">
              <StatusBadge invoice={invoice} />
            </td>
            {extraColumn ? <td data-label={extraColumn.header}>{extraColumn.cell(invoice)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The checkbox of an unpaid invoice (empty for the others, and hidden on a phone when empty). */
function SelectCell({ invoice, selection }: { invoice: Invoice; selection: InvoiceSelection }) {
  if (!selection.selectable(invoice)) return <td className="select-cell" />;
  const checked = selection.isSelected(invoice);
  return (
    <td className="select-cell" data-label="Select to pay">
      <input
        type="checkbox"
        checked={checked}
        disabled={!checked && selection.full}
        aria-label={`Select invoice ${invoiceNumber(invoice.number)}, ${formatMoney(invoice.amountDue, invoice.currency)} due`}
        onChange={(event) => selection.toggle(invoice, event.target.checked)}
      />
    </td>
  );
}
