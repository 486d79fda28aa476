import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/client.js';
import { LatestAnnouncement } from '../announcements/latest-announcement.js';
import type { Customer, Invoice, InvoiceSummary, MyInvoicePage } from '../api/types.js';
import { InvoiceTable } from '../components/invoice-table.js';
import { Page } from '../components/page.js';
import { StatusFilter, useStatusFilter } from '../components/status-filter.js';
import { Empty, ErrorNotice, Loading, StatusMessage } from '../components/status.js';
import { formatMoney, invoiceNumber } from '../format.js';
import { BatchReturn, useAwaitedBatch } from '../payments/batch-return.js';
import { type InvoiceSelection, useInvoiceSelection } from '../payments/invoice-selection.js';
import { PaySelected } from '../payments/pay-selected.js';
import { Link, useLocation } from '../router.js';
import { usePaged } from '../use-paged.js';
import { withQuery } from '../url.js';

/**
 * My Invoices: what is owed at a glance (from the server's summary on the first page), then the
 * invoices newest first, filterable by status; the filter lives in the URL so Back restores it.
 * Unpaid invoices can be ticked and paid together (mass pay); back from that payment's card page
 * (`?payment=processing`) the page waits until they show paid.
 */
export function InvoicesPage() {
  const { status, option } = useStatusFilter();
  const { query } = useLocation();
  const returned = query.get('payment');
  const [summary, setSummary] = useState<InvoiceSummary>();
  const [account, setAccount] = useState<Customer>();
  const [paidMessage, setPaidMessage] = useState<string>();
  const selection = useInvoiceSelection(useAwaitedBatch(returned));
  const list = usePaged<Invoice>(async (cursor) => {
    const page = await api.get<MyInvoicePage>(withQuery('/v1/invoices', { status, cursor }));
    if (page.summary) setSummary(page.summary);
    return page;
  }, [status]);
  // The credit balance decides whether credit can pay the ticked invoices.
  const readAccount = () => api.get<Customer>('/v1/me').then(setAccount, () => undefined);
  useEffect(() => {
    readAccount();
  }, []);
  // A new filter shows other invoices: start the choice again.
  useEffect(() => selection.clear(), [status]);

  const massPay = list.items.some(selection.selectable) || selection.selected.length > 0;
  return (
    <Page title="My Invoices">
      <LatestAnnouncement />
      <BatchReturn returned={returned} onSettled={list.reload} />
      <StatusMessage message={paidMessage} />
      {summary ? <AmountOwed summary={summary} /> : null}
      <div className="toolbar">
        <StatusFilter path="/invoices" status={status} />
      </div>
      {massPay && summary ? (
        <PaySelected
          selection={selection}
          listed={list.items}
          currency={summary.currency}
          account={account}
          onPaid={(result) => {
            const numbers = result.invoices.map((invoice) => invoiceNumber(invoice.number));
            setPaidMessage(`Paid from your credit: ${numbers.length === 1 ? `invoice ${numbers[0]}` : `invoices ${numbers.join(', ')}`}, ${formatMoney(result.total, summary.currency)} in total.`);
            selection.clear();
            list.reload();
            readAccount();
          }}
        />
      ) : null}
      <InvoiceList
        list={list}
        emptyText={option.empty}
        caption={`${option.label}, newest first`}
        linkTo={(invoice) => `/invoices/${encodeURIComponent(invoice.id)}`}
        selection={massPay ? selection : undefined}
      />
    </Page>
  );
}

/** "Total due … of which … overdue", with links to the invoices behind each amount. */
function AmountOwed({ summary }: { summary: InvoiceSummary }) {
  const money = (amount: number) => formatMoney(amount, summary.currency);
  const count = (n: number) => (n === 1 ? '1 invoice' : `${n} invoices`);
  if (summary.invoicesDue === 0) {
    return (
      <section className="owed owed-clear" aria-label="What you owe">
        <p>You owe nothing right now: every invoice is paid.</p>
      </section>
    );
  }
  return (
    <section className="owed" aria-label="What you owe">
      <dl className="owed-amounts">
        <div>
          <dt>Total due</dt>
          <dd>
            <span className="owed-amount">{money(summary.amountDue)}</span>
            <Link to={withQuery('/invoices', { status: 'unpaid' })}>{count(summary.invoicesDue)} unpaid</Link>
          </dd>
        </div>
        <div className={summary.invoicesOverdue > 0 ? 'owed-overdue' : undefined}>
          <dt>Overdue</dt>
          <dd>
            <span className="owed-amount">{money(summary.amountOverdue)}</span>
            {summary.invoicesOverdue > 0 ? (
              <Link to={withQuery('/invoices', { status: 'overdue' })}>{count(summary.invoicesOverdue)} past due</Link>
            ) : (
              <span className="muted">Nothing is past due.</span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}

export function InvoiceList({
  list,
  emptyText,
  caption,
  linkTo,
  customerCell,
  extraColumn,
  selection,
  emptyHint = 'New invoices appear here as soon as they are issued.',
}: {
  list: ReturnType<typeof usePaged<Invoice>>;
  emptyText: string;
  caption: string;
  linkTo: (invoice: Invoice) => string;
  customerCell?: (invoice: Invoice) => ReactNode;
  extraColumn?: { header: string; cell: (invoice: Invoice) => ReactNode };
  selection?: InvoiceSelection;
  emptyHint?: string;
}) {
  if (list.state === 'loading') return <Loading what="invoices" />;
  if (list.state === 'error' && list.items.length === 0) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) {
    return (
      <Empty>
        <p>{emptyText}</p>
        <p className="muted">{emptyHint}</p>
      </Empty>
    );
  }
  const count = `${list.items.length}${list.hasMore ? ' or more' : ''}`;
  return (
    <>
      <p role="status" className="visually-hidden">
        {list.items.length === 1 && !list.hasMore ? 'One invoice shown.' : `${count} invoices shown.`}
      </p>
      <InvoiceTable invoices={list.items} linkTo={linkTo} caption={caption} customerCell={customerCell} extraColumn={extraColumn} selection={selection} />
      {list.state === 'error' ? <ErrorNotice error={list.error} /> : null}
      {list.hasMore ? (
        <p className="more">
          <button type="button" className="button button-secondary" onClick={list.loadMore} disabled={list.state === 'loading-more'}>
            {list.state === 'loading-more' ? 'Loading…' : 'Show older invoices'}
          </button>
        </p>
      ) : null}
    </>
  );
}
