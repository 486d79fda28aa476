import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerPage } from '../../api/types.js';
import { Page } from '../../components/page.js';
import { Empty, ErrorNotice, Loading, StatusMessage } from '../../components/status.js';
import { formatTimestamp } from '../../format.js';
import { takeFlash } from '../../flash.js';
import { Link, navigate, useLocation } from '../../router.js';
import { usePaged } from '../../use-paged.js';
import { withQuery } from '../../url.js';

/** Customers, searchable by name or email; the search lives in the URL. */
export function AdminCustomersPage() {
  const { query } = useLocation();
  const search = query.get('search') ?? '';
  const [text, setText] = useState(search);
  const [message] = useState(takeFlash);
  const list = usePaged<Customer>((cursor) => api.get<CustomerPage>(withQuery('/v1/admin/customers', { search, cursor })), [search]);
  const searchId = useId();

  useEffect(() => setText(search), [search]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/admin/customers', { search: text.trim() }));
  };

  return (
    <Page
      title="Customers"
      actions={
        <Link to="/admin/customers/new" className="button button-primary">
          New customer
        </Link>
      }
    >
      <StatusMessage message={message} />
      <form role="search" className="toolbar" onSubmit={submit}>
        <div className="field field-inline field-grow">
          <label htmlFor={searchId}>Search customers</label>
          <input id={searchId} type="search" value={text} placeholder="Name or email" onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button button-secondary">
          Search
        </button>
      </form>
      {list.state === 'loading' ? <Loading what="customers" /> : null}
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.state !== 'loading' && list.items.length === 0 && list.state !== 'error' ? (
        <Empty>
          <p>{search ? `No customer matches “${search}”.` : 'There are no customers yet.'}</p>
          <p className="muted">
            <Link to="/admin/customers/new">Create a customer</Link> to invite them to billing.
          </p>
        </Empty>
      ) : null}
      {list.items.length > 0 ? (
        <table className="table table-cards">
          <caption className="visually-hidden">Customers{search ? ` matching “${search}”` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Currency</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((customer) => (
              <tr key={customer.id}>
                <th scope="row" data-label="Name">
                  <Link to={`/admin/customers/${encodeURIComponent(customer.id)}`}>{customer.name}</Link>
                </th>
                <td data-label="Email">{customer.email}</td>
                <td data-label="Currency">{customer.currency}</td>
                <td data-label="Since">{formatTimestamp(customer.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.hasMore ? (
        <p className="more">
          <button type="button" className="button button-secondary" onClick={list.loadMore} disabled={list.state === 'loading-more'}>
            {list.state === 'loading-more' ? 'Loading…' : 'Show more customers'}
          </button>
        </p>
      ) : null}
    </Page>
  );
}
