import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../api/api-error.js';
import type { Customer, UpdateCustomerRequest } from '../api/types.js';
import { FormError } from './form-error.js';

/** What the form sends: the address as lines (the server drops blank ones; none clears it) and the tax ID ("" clears it). */
export type BillingDetails = Required<UpdateCustomerRequest>;

/**
 * The billing address and tax ID that a customer's invoices print under their name, as a form: the
 * customer's own on the Account page, any customer's on the staff customer page. `save` sends it to
 * the API and answers the customer as stored.
 */
export function BillingDetailsForm({
  customer,
  save,
  onSaved,
  whose,
}: {
  customer: Customer;
  save: (details: BillingDetails) => Promise<Customer>;
  onSaved: (customer: Customer) => void;
  /** "your" or "their", for the hints. */
  whose: 'your' | 'their';
}) {
  const [address, setAddress] = useState((customer.billingAddress ?? []).join('\n'));
  const [taxId, setTaxId] = useState(customer.taxId ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const updated = await save({ billingAddress: address.split(/\r?\n/), taxId: taxId.trim() });
      setAddress((updated.billingAddress ?? []).join('\n'));
      setTaxId(updated.taxId ?? '');
      setSaved(`Billing details saved. ${whose === 'your' ? 'Your' : 'Their'} invoices show them from now on.`);
      onSaved(updated);
    } catch (failure) {
      setError(`The billing details were not saved. ${describeError(failure)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit}>
      <FormError message={error} />
      <div className="field">
        <label htmlFor={`${id}-address`}>Billing address</label>
        <p id={`${id}-address-hint`} className="hint">
          Printed under {whose} name on invoices, one line each: street, town and postcode, country. Up to 6 lines.
        </p>
        <textarea
          id={`${id}-address`}
          name="billing-address"
          autoComplete="street-address"
          rows={4}
          aria-describedby={`${id}-address-hint`}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-tax`}>VAT number or other tax ID (optional)</label>
        <input id={`${id}-tax`} name="tax-id" autoComplete="off" maxLength={40} value={taxId} onChange={(e) => setTaxId(e.target.value)} />
      </div>
      <div>
        <button type="submit" className="button button-secondary" disabled={busy}>
          {busy ? 'Saving…' : 'Save billing details'}
        </button>
      </div>
      <p role="status" aria-live="polite" className={saved ? 'small' : 'visually-hidden'}>
        {saved}
      </p>
    </form>
  );
}
