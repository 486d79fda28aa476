import { useId } from 'react';
import { api } from '../../api/client.js';
import type { Invoice, Page as ListPage } from '../../api/types.js';
import { Page } from '../../components/page.js';
import { filterOptions, isFilter } from '../../invoice-status.js';
import { navigate, useLocation } from '../../router.js';
import { usePaged } from '../../use-paged.js';
import { InvoiceList } from '../invoices.js';
import { CustomerLink } from './customer-link.js';
import { withQuery } from '../../url.js';

/** Every customer's invoices, newest first, by status. */
export function AdminInvoicesPage() {
  const { query } = useLocation();
  const raw = query.get('status');
  const status = isFilter(raw) ? raw : '';
  const list = usePaged<Invoice>((cursor) => api.get<ListPage<Invoice>>(withQuery('/v1/admin/invoices', { status, cursor })), [status]);
  const filterId = useId();
  const option = filterOptions.find((o) => o.value === status) ?? filterOptions[0]!;

  return (
    <Page title="All invoices">
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={filterId}>Show</label>
          <select id={filterId} value={status} onChange={(e) => navigate(withQuery('/admin/invoices', { status: e.target.value }), { replace: true })}>
            {filterOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <p className="muted small toolbar-note">To bill someone, open the customer and choose “New invoice”.</p>
      </div>
      <InvoiceList
        list={list}
        emptyText={option.empty}
        caption={`${option.label}, newest first`}
        linkTo={(invoice) => `/admin/invoices/${encodeURIComponent(invoice.id)}`}
        customerCell={(invoice) => <CustomerLink id={invoice.customerId} name={invoice.customer?.name} />}
        emptyHint="Invoices appear here as soon as they are created."
      />
    </Page>
  );
}
