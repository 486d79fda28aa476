import { useId, useState } from 'react';
import { describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { Customer, UpdateMeRequest } from '../api/types.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { formatMoney, formatTimestamp } from '../format.js';
import { cardLabel } from '../payments/card-name.js';
import { listSavedCards } from '../payments/saved-cards.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

/** Profile, credit balance, and the switch for automatic card billing. */
export function AccountPage() {
  const me = useResource(() => api.get<Customer>('/v1/me'), []);
  return (
    <Page title="Account">
      {me.state === 'loading' ? <Loading what="your account" /> : null}
      {me.state === 'error' ? <ErrorNotice error={me.error} onRetry={me.reload} /> : null}
      {me.state === 'ready' ? <AccountDetails customer={me.data} /> : null}
    </Page>
  );
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
      <AutomaticBilling initial={customer} />
    </div>
  );
}

/**
 * The customer's choice to have invoices charged to the default card on their due date. Turning it
 * off keeps the cards; it only charges while a card is saved, which the section says when none is.
 */
function AutomaticBilling({ initial }: { initial: Customer }) {
  const [customer, setCustomer] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  // Only to name the default card: the section works without it.
  const cards = useResource(() => listSavedCards().catch(() => undefined), []);
  const id = useId();
  const on = customer.autopay ?? false;
  const hasCard = Boolean(customer.defaultCardId);
  const defaultCard = cards.state === 'ready' ? cards.data?.find((card) => card.id === customer.defaultCardId) : undefined;

  const toggle = async (autopay: boolean) => {
    setBusy(true);
    setStatus(undefined);
    try {
      const updated = await api.patch<Customer>('/v1/me', { autopay } satisfies UpdateMeRequest);
      setCustomer(updated);
      setStatus({ text: updated.autopay ? 'Automatic card billing is on.' : 'Automatic card billing is off.', error: false });
    } catch (failure) {
      setStatus({ text: `Your choice was not saved. ${describeError(failure)}`, error: true });
    } finally {
      setBusy(false);
    }
  };

  const explanation = !on
    ? 'Invoices are not charged automatically: you pay each invoice yourself. Your saved cards are kept.'
    : !hasCard
      ? 'Invoices will be charged to your default card on their due date, once you have saved a card.'
      : `Invoices are charged to your default card${defaultCard ? `, ${cardLabel(defaultCard)},` : ''} on their due date.`;

  return (
    <section className="card" aria-labelledby="autopay-heading">
      <h2 id="autopay-heading">Automatic card billing</h2>
      <div className="switch-row">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={on}
          disabled={busy}
          aria-describedby={`${id}-note`}
          onChange={(event) => toggle(event.target.checked)}
        />
        <label htmlFor={id}>Charge my invoices automatically</label>
        <span className="switch-state" aria-hidden="true">
          {on ? 'On' : 'Off'}
        </span>
      </div>
      <p id={`${id}-note`} className="muted small">
        {explanation}
      </p>
      {!hasCard ? (
        <p className="notice notice-info">
          Automatic billing needs a saved card. <Link to="/payment-methods">Add a card on Payment methods</Link>.
        </p>
      ) : (
        <p className="small">
          <Link to="/payment-methods">Choose the default card on Payment methods</Link>
        </p>
      )}
      <p role="status" aria-live="polite" className={status ? (status.error ? 'small error-text' : 'small') : 'visually-hidden'}>
        {status?.text}
      </p>
    </section>
  );
}
