import type { ReactNode } from 'react';
import { api } from '../api/client.js';
import type { Invoice, InvoicePage } from '../api/types.js';
import { InvoiceTable } from '../components/invoice-table.js';
import { Page } from '../components/page.js';
import { StatusFilter, useStatusFilter } from '../components/status-filter.js';
import { Empty, ErrorNotice, Loading } from '../components/status.js';
import { usePaged } from '../use-paged.js';
import { withQuery } from '../url.js';

/** My Invoices: newest first, filterable by status; the filter lives in the URL so Back restores it. */
export function InvoicesPage() {
  const { status, option } = useStatusFilter();
  const list = usePaged<Invoice>((cursor) => api.get<InvoicePage>(withQuery('/v1/invoices', { status, cursor })), [status]);

  return (
    <Page title="My Invoices">
      <div className="toolbar">
        <StatusFilter path="/invoices" status={status} />
      </div>
      <InvoiceList list={list} emptyText={option.empty} caption={`${option.label}, newest first`} linkTo={(invoice) => `/invoices/${encodeURIComponent(invoice.id)}`} />
    </Page>
  );
}

export function InvoiceList({
  list,
  emptyText,
  caption,
  linkTo,
  customerCell,
  emptyHint = 'New invoices appear here as soon as they are issued, and we email you about each one.',
}: {
  list: ReturnType<typeof usePaged<Invoice>>;
  emptyText: string;
  caption: string;
  linkTo: (invoice: Invoice) => string;
  customerCell?: (invoice: Invoice) => ReactNode;
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
      <InvoiceTable invoices={list.items} linkTo={linkTo} caption={caption} customerCell={customerCell} />
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
