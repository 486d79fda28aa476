import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerPage } from '../../api/types.js';
import { Page } from '../../components/page.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { Link } from '../../router.js';
import { withQuery } from '../../url.js';
import { useSearchList } from '../../use-search.js';

const PAGE_SIZE = 10;

/** "New invoice" from the invoices list: first choose whom to bill, by any part of their name or email. */
export function ChooseCustomerToBill() {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const list = useSearchList<Customer>(
    (cursor) => api.get<CustomerPage>(withQuery('/v1/admin/customers', { search, cursor, limit: String(PAGE_SIZE) })),
    PAGE_SIZE,
    [search],
  );
  const searchId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch(text.trim());
  };

  return (
    <Page title="New invoice" actions={<Link to="/admin/invoices" className="back-link">← All invoices</Link>}>
      <p>Whom is it for? Find the customer, then choose them.</p>
      <form role="search" className="toolbar" onSubmit={submit}>
        <div className="field field-inline field-grow">
          <label htmlFor={searchId}>Find a customer</label>
          <input id={searchId} type="search" value={text} placeholder="Name or email" autoFocus onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit" className="button button-secondary">
          Search
        </button>
      </form>
      {list.state === 'searching' && list.items.length === 0 ? <Loading what="customers" /> : null}
      {list.state === 'error' ? <ErrorNotice error={list.error} onRetry={list.more} /> : null}
      {list.state === 'ready' && !list.hasMore && list.items.length === 0 ? (
        <Empty>
          <p>{search ? `No customer matches “${search}”.` : 'There are no customers yet.'}</p>
          <p className="muted">
            <Link to="/admin/customers/new">Create a customer</Link> first.
          </p>
        </Empty>
      ) : null}
      {list.items.length > 0 ? (
        <ul className="choice-list" aria-label="Customers to bill">
          {list.items.map((customer) => (
            <li key={customer.id}>
              <Link to={withQuery('/admin/invoices/new', { customerId: customer.id })} aria-label={`Bill ${customer.name} (${customer.email})`}>
                {customer.name}
              </Link>{' '}
              <span className="muted">
                {customer.email} · {customer.currency}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {list.hasMore && list.state !== 'searching' ? (
        <button type="button" className="button button-secondary" onClick={list.more}>
          {search ? 'Search for more customers' : 'Show more customers'}
        </button>
      ) : null}
    </Page>
  );
}
