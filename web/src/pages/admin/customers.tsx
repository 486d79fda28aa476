import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerPage } from '../../api/types.js';
import { Page } from '../../components/page.js';
import { Empty, ErrorNotice, StatusMessage } from '../../components/status.js';
import { formatTimestamp } from '../../format.js';
import { takeFlash } from '../../flash.js';
import { Link, navigate, useLocation } from '../../router.js';
import { type SearchList, useSearchList } from '../../use-search.js';
import { withQuery } from '../../url.js';

/** How many customers a page shows; the search follows the server's cursor until it has this many. */
const PAGE_SIZE = 25;

/**
 * Customers, searchable by any part of the name or email in any letter case; the search lives in the
 * URL and runs on the server over every customer, following its cursor: it says "no customer
 * matches" only once every customer has been looked at.
 */
export function AdminCustomersPage() {
  const { query } = useLocation();
  const search = query.get('search') ?? '';
  // The dashboard's count of bouncing addresses links here with `?email=bouncing`.
  const bouncing = query.get('email') === 'bouncing';
  const [text, setText] = useState(search);
  const [message] = useState(takeFlash);
  const list = useSearchList<Customer>(
    (cursor) => api.get<CustomerPage>(withQuery('/v1/admin/customers', bouncing ? { email: 'bouncing', cursor, limit: String(PAGE_SIZE) } : { search, cursor, limit: String(PAGE_SIZE) })),
    PAGE_SIZE,
    [search, bouncing],
  );
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
      {bouncing ? (
        <p>
          Showing the customers whose email bounces. <Link to="/admin/customers">Show all customers</Link>
        </p>
      ) : null}
      <SearchProgress search={search} list={list} />
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.more} /> : null}
      {list.state === 'ready' && !list.hasMore && list.items.length === 0 ? (
        <Empty>
          <p>{bouncing ? 'No customer’s email bounces.' : search ? `No customer matches “${search}”.` : 'There are no customers yet.'}</p>
          <p className="muted">
            <Link to="/admin/customers/new">Create a customer</Link> to invite them to billing.
          </p>
        </Empty>
      ) : null}
      {list.items.length > 0 ? (
        <table className="table table-cards">
          <caption className="visually-hidden">Customers{bouncing ? ' whose email bounces' : search ? ` matching “${search}”` : ''}</caption>
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
                <td data-label="Email">
                  {customer.email}
                  {customer.emailBounced ? <> <span className="badge badge-overdue">Emails bounce</span></> : null}
                </td>
                <td data-label="Currency">{customer.currency}</td>
                <td data-label="Since">{formatTimestamp(customer.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {list.hasMore && list.state === 'ready' ? (
        <p className="more">
          <button type="button" className="button button-secondary" onClick={list.more}>
            {search ? 'Search for more customers' : 'Show more customers'}
          </button>
        </p>
      ) : null}
    </Page>
  );
}

/**
 * What the search is doing, in words: searching (with how much is found, and a way to stop), or
 * stopped with customers still to look at. Read out politely by screen readers.
 */
function SearchProgress({ search, list }: { search: string; list: SearchList<Customer> }) {
  const found = list.items.length === 1 ? '1 found so far' : `${list.items.length} found so far`;
  let text = '';
  if (list.state === 'searching') {
    text = search ? `Searching all customers for “${search}”… ${found}.` : 'Loading customers…';
  } else if (list.state === 'stopped') {
    text = `Search stopped: ${found}. Some customers have not been looked at yet.`;
  } else if (list.state === 'ready' && search && list.items.length > 0) {
    text = list.hasMore
      ? `${list.items.length} customers match “${search}” so far; there may be more.`
      : `${list.items.length === 1 ? '1 customer matches' : `${list.items.length} customers match`} “${search}”.`;
  }
  return (
    <div className="search-progress">
      <p role="status" aria-live="polite" className={text ? (list.state === 'searching' ? 'loading' : 'muted') : 'visually-hidden'}>
        {list.state === 'searching' ? <span className="spinner" aria-hidden="true" /> : null}
        {text}
      </p>
      {list.state === 'searching' && search ? (
        <button type="button" className="button button-quiet" onClick={list.stop}>
          Stop searching
        </button>
      ) : null}
      {list.state === 'stopped' ? (
        <button type="button" className="button button-secondary" onClick={list.more}>
          Search on
        </button>
      ) : null}
    </div>
  );
}
