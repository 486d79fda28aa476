import { api } from '../../api/client.js';
import type { Customer } from '../../api/types.js';
import { ConfirmedAction } from '../../components/confirmed-action.js';

/**
 * "Resend invitation", after a confirmation: for a customer whose emailed temporary password expired
 * (after 7 days) before they signed in. The server refuses with a sentence when the customer has
 * set a password already; that sentence is shown here.
 */
export function ResendInvitation({ customer, onSent }: { customer: Customer; onSent: (sentTo: string) => void }) {
  const send = async () => {
    const { sentTo } = await api.post<{ sentTo: string }>(`/v1/admin/customers/${encodeURIComponent(customer.id)}/invitation`);
    onSent(sentTo);
  };

  return (
    <section className="invitation" aria-labelledby="invitation-heading">
      <h3 id="invitation-heading" className="section-heading">
        Sign-in invitation
      </h3>
      <p className="small">
        The temporary password in the invitation works for 7 days. If {customer.name} did not sign in in time, send a new one.
      </p>
      <ConfirmedAction
        label="Resend invitation…"
        question={`Email ${customer.email} a new temporary password? The one sent before stops working.`}
        confirmLabel="Yes, send a new invitation"
        busyLabel="Sending…"
        groupLabel="Confirm sending a new invitation"
        action={send}
      />
    </section>
  );
}
