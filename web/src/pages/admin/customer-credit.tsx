import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { AdjustCreditRequest, Customer, LedgerEntry, Statement } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { formatMoney, formatTimestamp, parseMoney } from '../../format.js';
import { withQuery } from '../../url.js';
import { usePaged } from '../../use-paged.js';

/**
 * A customer's account credit for staff: grant or remove some, always with a reason (the customer
 * reads it in their history), and the history itself with who made each adjustment, when and why.
 */
export function CustomerCredit({ customer, onChanged }: { customer: Customer; onChanged: (customer: Customer, message: string) => void }) {
  const history = usePaged<LedgerEntry>(
    (cursor) => api.get<Statement>(withQuery(`/v1/admin/customers/${encodeURIComponent(customer.id)}/ledger`, { cursor })),
    [customer.id],
  );
  return (
    <section className="card section" aria-labelledby="customer-credit">
      <h2 id="customer-credit">Account credit</h2>
      <p>
        Balance: <strong>{formatMoney(customer.creditBalance, customer.currency)}</strong>
      </p>
      <AdjustCredit
        customer={customer}
        onAdjusted={(updated, message) => {
          history.reload();
          onChanged(updated, message);
        }}
      />
      <h3 id="credit-history" className="section-heading">
        Credit history
      </h3>
      {history.state === 'loading' ? <Loading what="the credit history" /> : null}
      {history.state === 'error' ? <ErrorNotice error={history.error} onRetry={history.reload} /> : null}
      {history.state !== 'loading' && history.state !== 'error' && history.items.length === 0 ? <Empty>No credit has moved on this account yet.</Empty> : null}
      {history.items.length > 0 ? (
        <table className="table table-cards" aria-labelledby="credit-history">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">What happened</th>
              <th scope="col">By</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Balance
              </th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((entry) => (
              <tr key={entry.id}>
                <td data-label="Date">{formatTimestamp(entry.createdAt)}</td>
                <td data-label="What happened">{entry.description}</td>
                <td data-label="By">{entry.actor?.name ?? '—'}</td>
                <td data-label="Amount" className="num">
                  {formatMoney(entry.amount, customer.currency)}
                </td>
                <td data-label="Balance" className="num">
                  {formatMoney(entry.balanceAfter, customer.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {history.hasMore ? (
        <button type="button" className="button button-secondary" onClick={history.loadMore} disabled={history.state === 'loading-more'}>
          {history.state === 'loading-more' ? 'Loading…' : 'Show later entries'}
        </button>
      ) : null}
    </section>
  );
}

function AdjustCredit({ customer, onAdjusted }: { customer: Customer; onAdjusted: (customer: Customer, message: string) => void }) {
  const [direction, setDirection] = useState<'grant' | 'remove'>('grant');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoney(amount, customer.currency);
    if (!Number.isFinite(minor) || minor <= 0) return setError(`Enter an amount in ${customer.currency} greater than zero, like 10.00.`);
    if (!reason.trim()) return setError('Give the reason: the customer reads it in their account history.');
    setBusy(true);
    setError(undefined);
    try {
      const updated = await api.post<Customer>(`/v1/admin/customers/${encodeURIComponent(customer.id)}/credit`, {
        amount: direction === 'grant' ? minor : -minor, reason: reason.trim(),
      } satisfies AdjustCreditRequest);
      setAmount('');
      setReason('');
      const money = formatMoney(minor, customer.currency);
      onAdjusted(updated, direction === 'grant' ? `${money} of credit granted to ${customer.name}.` : `${money} of credit removed from ${customer.name}.`);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Grant or remove credit">
      <FormError message={error} />
      <fieldset className="pay-methods" disabled={busy}>
        <legend>Grant or remove credit</legend>
        <label className="pay-option">
          <input type="radio" name="credit-direction" value="grant" checked={direction === 'grant'} onChange={() => setDirection('grant')} />
          <span>Grant credit</span>
        </label>
        <label className="pay-option">
          <input type="radio" name="credit-direction" value="remove" checked={direction === 'remove'} onChange={() => setDirection('remove')} />
          <span>Remove credit</span>
        </label>
      </fieldset>
      <Field label={`Amount (${customer.currency})`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required />
      <Field label="Reason" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} required hint="Required. The customer reads it in their account history; staff see it with your name." />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Saving…' : direction === 'grant' ? 'Grant credit' : 'Remove credit'}
      </button>
    </form>
  );
}
