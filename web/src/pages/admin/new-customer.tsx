import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { CreateCustomerRequest, Customer } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { Page } from '../../components/page.js';
import { flash } from '../../flash.js';
import { Link, navigate } from '../../router.js';
import { currencies } from './currencies.js';

/** Creates a customer; the API invites them by email with a temporary password. */
export function NewCustomerPage() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const currencyId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const customer = await api.post<Customer>('/v1/admin/customers', { name: name.trim(), email: email.trim(), currency: currency as CreateCustomerRequest['currency'] } satisfies CreateCustomerRequest);
      flash(`${customer.name} was created. We emailed ${customer.email} an invitation with a temporary password.`);
      navigate(`/admin/customers/${encodeURIComponent(customer.id)}`);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <Page title="New customer" actions={<Link to="/admin/customers" className="back-link">← Customers</Link>}>
      <form className="form card" onSubmit={submit}>
        <FormError message={error} />
        <Field label="Name" name="name" autoComplete="off" required autoFocus value={name} onChange={(e) => setName(e.target.value)} hint="A person or company name, as printed on invoices." />
        <Field label="Email address" type="email" name="email" autoComplete="off" required value={email} onChange={(e) => setEmail(e.target.value)} hint="The invitation and every invoice go to this address." />
        <div className="field">
          <label htmlFor={currencyId}>Billing currency</label>
          <select id={currencyId} value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {currencies.map(({ code, label }) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create customer and send invitation'}
        </button>
      </form>
    </Page>
  );
}
