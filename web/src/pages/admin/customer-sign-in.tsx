import { useState } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { Customer } from '../../api/types.js';
import { FormError } from '../../components/form-error.js';
import { formatTimestamp } from '../../format.js';

/**
 * Turning a customer's sign-in off (someone who left the customer's company, an abused account) or on
 * again, after a confirmation. Off takes effect at once: the customer's open pages stop working.
 * Their invoices, credit and automatic charges go on either way.
 */
export function CustomerSignIn({ customer, onChanged }: { customer: Customer; onChanged: (changed: Customer, text: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const disabled = Boolean(customer.signInDisabledAt);

  const change = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const changed = await api.post<Customer>(`/v1/admin/customers/${encodeURIComponent(customer.id)}/sign-in`, { enabled: disabled });
      setConfirming(false);
      onChanged(changed, disabled ? `${customer.name} can sign in again.` : `${customer.name} can no longer sign in.`);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="invitation" aria-labelledby="sign-in-heading">
      <h3 id="sign-in-heading" className="section-heading">
        Sign-in
      </h3>
      <p className="small">
        {disabled
          ? `Turned off on ${formatTimestamp(customer.signInDisabledAt)}: ${customer.name} cannot sign in. Invoices and automatic charges go on.`
          : `${customer.name} signs in with their own password.`}
      </p>
      <FormError message={error} />
      {confirming ? (
        <div className="confirm" role="group" aria-label={disabled ? 'Confirm turning sign-in on' : 'Confirm turning sign-in off'}>
          <p className="confirm-question">
            {disabled
              ? `Let ${customer.email} sign in again?`
              : `Stop ${customer.email} from signing in? Anyone signed in as them is signed out at once.`}
          </p>
          <button type="button" className="button button-primary" onClick={change} disabled={busy} autoFocus>
            {busy ? 'Saving…' : disabled ? 'Yes, turn sign-in on' : 'Yes, turn sign-in off'}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          {disabled ? 'Turn sign-in on…' : 'Turn sign-in off…'}
        </button>
      )}
    </section>
  );
}
