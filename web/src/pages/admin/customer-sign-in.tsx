import { api } from '../../api/client.js';
import type { Customer } from '../../api/types.js';
import { ConfirmedAction } from '../../components/confirmed-action.js';
import { formatTimestamp } from '../../format.js';

/**
 * Turning a customer's sign-in off (someone who left the customer's company, an abused account) or on
 * again, after a confirmation. Off takes effect at once: the customer's open pages stop working.
 * Their invoices, credit and automatic charges go on either way.
 */
export function CustomerSignIn({ customer, onChanged }: { customer: Customer; onChanged: (changed: Customer, text: string) => void }) {
  const disabled = Boolean(customer.signInDisabledAt);
  const change = async () => {
    const changed = await api.post<Customer>(`/v1/admin/customers/${encodeURIComponent(customer.id)}/sign-in`, { enabled: disabled });
    onChanged(changed, disabled ? `${customer.name} can sign in again.` : `${customer.name} can no longer sign in.`);
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
      <ConfirmedAction
        label={disabled ? 'Turn sign-in on…' : 'Turn sign-in off…'}
        question={disabled ? `Let ${customer.email} sign in again?` : `Stop ${customer.email} from signing in? Anyone signed in as them is signed out at once.`}
        confirmLabel={disabled ? 'Yes, turn sign-in on' : 'Yes, turn sign-in off'}
        busyLabel="Saving…"
        groupLabel={disabled ? 'Confirm turning sign-in on' : 'Confirm turning sign-in off'}
        action={change}
      />
    </section>
  );
}
