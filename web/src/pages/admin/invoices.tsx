import { api } from '../../api/client.js';
import type { Invoice, InvoicePage } from '../../api/types.js';
import { AutomaticCharge } from '../../components/automatic-charge.js';
import { Page } from '../../components/page.js';
import { StatusFilter, useStatusFilter } from '../../components/status-filter.js';
import { usePaged } from '../../use-paged.js';
import { InvoiceList } from '../invoices.js';
import { Link, useLocation } from '../../router.js';
import { AGING_LABELS } from './aging-labels.js';
import { CustomerLink } from './customer-link.js';
import { withQuery } from '../../url.js';

/**
 * Every customer's invoices, newest first, by status. The overdue list adds where each invoice's
 * automatic charges stand (dunning: last outcome, declines so far, the next retry), beside the days
 * overdue that every list shows under the due date.
 */
export function AdminInvoicesPage() {
  const { status, option } = useStatusFilter();
  const { query } = useLocation();
  // The dashboard's aging figures link here narrowed to one currency and bucket.
  const currency = query.get('currency') ?? '';
  const aging = AGING_LABELS.find(([key]) => key === query.get('aging'));
  const narrowed = [currency, aging ? aging[1].toLowerCase() : ''].filter(Boolean).join(', ');
  const list = usePaged<Invoice>(
    (cursor) => api.get<InvoicePage>(withQuery('/v1/admin/invoices', { status, currency, aging: aging?.[0] ?? '', cursor })),
    [status, currency, aging?.[0]],
  );

  return (
    <Page
      title="All invoices"
      actions={
        <Link to="/admin/invoices/new" className="button button-primary">
          New invoice
        </Link>
      }
    >
      <div className="toolbar">
        <StatusFilter path="/admin/invoices" status={status} />
      </div>
      <InvoiceList
        list={list}
        emptyText={option.empty}
        caption={`${option.label}${narrowed ? ` (${narrowed})` : ''}, newest first`}
        linkTo={(invoice) => `/admin/invoices/${encodeURIComponent(invoice.id)}`}
        customerCell={(invoice) => <CustomerLink id={invoice.customerId} name={invoice.customer?.name} />}
        extraColumn={status === 'overdue' ? { header: 'Automatic charge', cell: (invoice) => <AutomaticCharge invoice={invoice} /> } : undefined}
        emptyHint="Invoices appear here as soon as they are created."
      />
    </Page>
  );
}
