import { useId, useState } from 'react';
import { describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { Customer, UpdateMeRequest } from '../api/types.js';
import { cardLabel } from '../payments/card-name.js';
import { listSavedCards } from '../payments/saved-cards.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

/**
 * The customer's choice to have invoices charged to the default card on their due date. It shows as
 * on only while there is a card to charge: with no card (or only an expired default one) it says that
 * automatic billing is off and how to turn it on, rather than showing a switch that does nothing.
 */
export function AutomaticBilling({ initial }: { initial: Customer }) {
  const [customer, setCustomer] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  // To name the default card and to know whether it can still be charged.
  const cards = useResource(() => listSavedCards().catch(() => undefined), []);
  const id = useId();
  const on = customer.autopay ?? false;
  const defaultCard = cards.state === 'ready' ? cards.data?.find((card) => card.id === customer.defaultCardId) : undefined;
  const expired = defaultCard?.expired ?? false;
  const chargeable = Boolean(customer.defaultCardId) && !expired;

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

  if (!chargeable) {
    const why = expired && defaultCard ? `your default card, ${cardLabel(defaultCard)}, has expired` : 'there is no card to charge';
    return (
      <section className="card" aria-labelledby="autopay-heading">
        <h2 id="autopay-heading">Automatic card billing</h2>
        <p>
          <strong>Off:</strong> {why}. Until then, you pay each invoice yourself.
        </p>
        <p>
          <Link to="/payment-methods" className="button button-secondary">
            Add a card to pay automatically
          </Link>
        </p>
        <p className="muted small">
          {on
            ? 'With a card saved, your invoices are charged to it on their due date.'
            : 'You turned automatic billing off; once a card is saved you can turn it on here.'}
        </p>
      </section>
    );
  }

  const explanation = on
    ? `Invoices are charged to your default card${defaultCard ? `, ${cardLabel(defaultCard)},` : ''} on their due date.`
    : 'Invoices are not charged automatically: you pay each invoice yourself. Your saved cards are kept.';

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
      <p className="small">
        <Link to="/payment-methods">Choose the default card on Payment methods</Link>
      </p>
      <p role="status" aria-live="polite" className={status ? (status.error ? 'small error-text' : 'small') : 'visually-hidden'}>
        {status?.text}
      </p>
    </section>
  );
}
