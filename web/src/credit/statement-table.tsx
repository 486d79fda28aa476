import type { LedgerEntry } from '../api/types.js';
import { formatDate, formatMoney } from '../format.js';
import { Link } from '../router.js';

/** What each kind of ledger entry is called in the history; the entry's own description follows it. */
const KIND_LABELS: Record<LedgerEntry['kind'], string> = {
  funds_added: 'Funds added',
  credit_applied: 'Credit applied',
  overpayment: 'Overpayment',
  refund_to_credit: 'Refund to credit',
  adjustment: 'Adjustment',
  refunded_to_card: 'Refunded to card',
  refund_failed: 'Refund failed',
};

/**
 * The account statement as a table (stacked cards on a phone): the balance before the first entry,
 * then each entry, oldest first, with its date (the UTC calendar day, as the statement's range and its
 * CSV count days), what happened, the invoice(s) it concerns, the signed amount and the balance after.
 * `invoicePath` makes the invoice links (customers and staff open invoices at different paths).
 */
export function StatementTable({
  entries,
  openingBalance,
  currency,
  caption,
  invoicePath,
}: {
  entries: LedgerEntry[];
  openingBalance: number;
  currency: string;
  caption: string;
  invoicePath: (invoiceId: string) => string;
}) {
  const money = (amount: number) => formatMoney(amount, currency);
  return (
    <table className="table table-cards statement">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">What happened</th>
          <th scope="col" className="num">
            Amount
          </th>
          <th scope="col" className="num">
            Balance
          </th>
        </tr>
      </thead>
      <tbody>
        <tr className="statement-opening">
          <td data-label="Date" />
          <th scope="row" data-label="What happened">
            Opening balance
          </th>
          <td data-label="Amount" className="num" />
          <td data-label="Balance" className="num">
            {money(openingBalance)}
          </td>
        </tr>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td data-label="Date">{formatDate(entry.createdAt.slice(0, 10))}</td>
            <th scope="row" data-label="What happened">
              <span className="statement-what">
                <span className="statement-kind">{KIND_LABELS[entry.kind]}</span>
                {entry.description && entry.description !== KIND_LABELS[entry.kind] ? (
                  <span className="statement-description">{entry.description}</span>
                ) : null}
                <InvoiceLinks entry={entry} invoicePath={invoicePath} />
              </span>
            </th>
            <td data-label="Amount" className="num">
              {entry.amount > 0 ? '+' : ''}
              {money(entry.amount)}
            </td>
            <td data-label="Balance" className="num">
              {money(entry.balanceAfter)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Links to the invoice(s) an entry concerns. The API gives their ids, not their numbers (the
 * description names those), so several are told apart by position: "View invoice 1 of 2".
 */
function InvoiceLinks({ entry, invoicePath }: { entry: LedgerEntry; invoicePath: (id: string) => string }) {
  const ids = entry.invoiceIds?.length ? entry.invoiceIds : entry.invoiceId ? [entry.invoiceId] : [];
  if (ids.length === 0) return null;
  const about = <span className="visually-hidden"> ({entry.description})</span>;
  if (ids.length === 1) {
    return (
      <span className="statement-links">
        <Link to={invoicePath(ids[0]!)}>
          View invoice{about}
        </Link>
      </span>
    );
  }
  return (
    <span className="statement-links">
      View invoices:{' '}
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : ''}
          <Link to={invoicePath(id)}>
            <span className="visually-hidden">View invoice </span>
            {i + 1} of {ids.length}
            {about}
          </Link>
        </span>
      ))}
    </span>
  );
}
