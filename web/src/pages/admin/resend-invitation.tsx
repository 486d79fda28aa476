import { useState } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { Customer } from '../../api/types.js';
import { FormError } from '../../components/form-error.js';

/**
 * "Resend invitation", after a confirmation: for a customer whose emailed temporary password expired
 * (after 7 days) before they signed in. The server refuses with a sentence when the customer has
 * set a password already; that sentence is shown here.
 */
export function ResendInvitation({ customer, onSent }: { customer: Customer; onSent: (sentTo: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { sentTo } = await api.post<{ sentTo: string }>(`/v1/admin/customers/${encodeURIComponent(customer.id)}/invitation`);
      setConfirming(false);
      onSent(sentTo);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="invitation" aria-labelledby="invitation-heading">
      <h3 id="invitation-heading" className="section-heading">
        Sign-in invitation
      </h3>
      <p className="small">
        The temporary password in the invitation works for 7 days. If {customer.name} did not sign in in time, send a new one.
      </p>
      <FormError message={error} />
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm sending a new invitation">
          <p className="confirm-question">Email {customer.email} a new temporary password? The one sent before stops working.</p>
          <button type="button" className="button button-primary" onClick={send} disabled={busy} autoFocus>
            {busy ? 'Sending…' : 'Yes, send a new invitation'}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
          Resend invitation…
        </button>
      )}
    </section>
  );
}
