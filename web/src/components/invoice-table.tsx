import type { ReactNode } from 'react';
import type { Invoice } from '../api/types.js';
import { formatDate, formatMoney, invoiceNumber } from '../format.js';
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
}: {
  invoices: Invoice[];
  linkTo: (invoice: Invoice) => string;
  caption: string;
  /** Staff lists show whose invoice it is. */
  customerCell?: (invoice: Invoice) => ReactNode;
}) {
  return (
    <table className="table table-cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Invoice</th>
          {customerCell ? <th scope="col">Customer</th> : null}
          <th scope="col">Issued</th>
          <th scope="col">Due</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {invoices.map((invoice) => (
          <tr key={invoice.id}>
            <th scope="row" data-label="Invoice">
              <Link to={linkTo(invoice)} aria-label={`Invoice ${invoiceNumber(invoice.number)}`}>
                {invoiceNumber(invoice.number)}
              </Link>
            </th>
            {customerCell ? <td data-label="Customer">{customerCell(invoice)}</td> : null}
            <td data-label="Issued">{formatDate(invoice.issueDate)}</td>
            <td data-label="Due">{formatDate(invoice.dueDate)}</td>
            <td data-label="Amount" className="num">
              {formatMoney(invoice.total, invoice.currency)}
            </td>
            <td data-label="Status">
              <StatusBadge invoice={invoice} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
