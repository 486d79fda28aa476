import { api } from '../api/client.js';
import type { Customer } from '../api/types.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { formatMoney, formatTimestamp } from '../format.js';
import { useResource } from '../use-resource.js';

/** Profile, credit balance and automatic card billing (read-only until the card and credit issues land). */
export function AccountPage() {
  const me = useMe();
  return (
    <Page title="Account">
      {me.state === 'loading' ? <Loading what="your account" /> : null}
      {me.state === 'error' ? <ErrorNotice error={me.error} onRetry={me.reload} /> : null}
      {me.state === 'ready' ? <AccountDetails customer={me.data} /> : null}
    </Page>
  );
}

function useMe() {
  return useResource(() => api.get<Customer>('/v1/me'), []);
}

function AccountDetails({ customer }: { customer: Customer }) {
  return (
    <div className="cards">
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <dl className="facts facts-stacked">
          <div>
            <dt>Name</dt>
            <dd>{customer.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{customer.email}</dd>
          </div>
          <div>
            <dt>Billing currency</dt>
            <dd>{customer.currency}</dd>
          </div>
          <div>
            <dt>Customer since</dt>
            <dd>{formatTimestamp(customer.createdAt)}</dd>
          </div>
        </dl>
        <p className="muted small">To change your name or email address, please contact us.</p>
      </section>
      <section className="card" aria-labelledby="credit-heading">
        <h2 id="credit-heading">Credit balance</h2>
        <p className="big-number">{formatMoney(customer.creditBalance ?? 0, customer.currency)}</p>
        <p className="muted small">Credit is applied to your next invoices automatically.</p>
      </section>
      <section className="card" aria-labelledby="autopay-heading">
        <h2 id="autopay-heading">Automatic card billing</h2>
        <p>
          <span className={customer.autopay ? 'badge badge-paid' : 'badge badge-void'}>{customer.autopay ? 'On' : 'Off'}</span>
        </p>
        <p className="muted small">
          {customer.autopay
            ? 'Invoices are charged to your default card on their due date.'
            : 'Invoices are not charged automatically. You pay each invoice yourself.'}
        </p>
      </section>
    </div>
  );
}
