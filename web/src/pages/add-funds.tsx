import { useId, useState, type FormEvent } from 'react';
import { ApiError, describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { AddFundsRequest, Customer, FundsMethodId, FundsOptions, Redirect } from '../api/types.js';
import { FormError } from '../components/form-error.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { fundsMethodsOf } from '../credit/funds-methods.js';
import { formatMoney, moneyInputProblem, parseMoney } from '../format.js';
import { rememberReturn } from '../payments/awaiting-return.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

/**
 * Add Funds: the customer buys account credit, an amount of their choosing in their account's
 * currency, on the payment provider's page. Nothing is credited by this page: the provider's webhook
 * is the truth, and the Account page the provider sends the customer back to waits for it.
 */
export function AddFundsPage() {
  const me = useResource(() => Promise.all([api.get<Customer>('/v1/me'), api.get<FundsOptions>('/v1/funds')]), []);
  return (
    <Page title="Add Funds" actions={<Link to="/account" className="back-link">← Account</Link>}>
      {me.state === 'loading' ? <Loading what="your account" /> : null}
      {me.state === 'error' ? <ErrorNotice error={me.error} onRetry={me.reload} /> : null}
      {me.state === 'ready' ? <AddFundsForm customer={me.data[0]} limits={me.data[1]} /> : null}
    </Page>
  );
}

function AddFundsForm({ customer, limits }: { customer: Customer; limits: FundsOptions }) {
  const { currency } = customer;
  const [text, setText] = useState('');
  const [methods] = useState(() => fundsMethodsOf(limits));
  const [method, setMethod] = useState<FundsMethodId | undefined>(() => methods.find((each) => !each.reason)?.id);
  const [error, setError] = useState<{ message: string; onAmount: boolean }>();
  const [busy, setBusy] = useState<string>();
  const amountId = useId();
  const methodName = useId();
  const money = (amount: number) => formatMoney(amount, currency);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = text.trim() ? moneyInputProblem(text, currency) : 'Enter the amount to add.';
    if (problem) {
      setError({ message: problem, onAmount: true });
      return;
    }
    if (!method) {
      setError({ message: 'Choose how to pay.', onAmount: false });
      return;
    }
    const amount = parseMoney(text, currency);
    setError(undefined);
    setBusy('Opening the secure page…');
    try {
      const started = await api.post<Redirect>('/v1/funds', { amount, method } satisfies AddFundsRequest);
      // The Account page the provider returns to waits for the balance to rise above this one.
      rememberReturn('funds', { balanceBefore: customer.creditBalance, amount, currency, method });
      window.location.assign(started.redirectUrl);
    } catch (failure) {
      setBusy(undefined);
      setError({ message: describeError(failure), onAmount: failure instanceof ApiError && failure.field === 'amount' });
    }
  };

  const amountHint = `${amountId}-hint`;
  return (
    <div className="cards cards-pair">
      <form className="form card" onSubmit={submit} aria-busy={busy ? true : undefined} noValidate>
        <h2>Buy account credit</h2>
        <FormError message={error?.message} />
        <div className="field">
          <label htmlFor={amountId}>Amount ({currency})</label>
          <p id={amountHint} className="hint">
            {`Between ${money(limits.minimum)} and ${money(limits.maximum)} at a time.`}
          </p>
          <input
            id={amountId}
            name="amount"
            inputMode="decimal"
            autoComplete="off"
            required
            value={text}
            disabled={Boolean(busy)}
            aria-invalid={error?.onAmount ? true : undefined}
            aria-describedby={amountHint}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <fieldset className="pay-methods" disabled={Boolean(busy)}>
          <legend>Pay with</legend>
          {methods.length === 0 ? <p className="muted">No way to pay is set up yet. Please contact us.</p> : null}
          {methods.map((each) => (
            <label key={each.id} className={each.reason ? 'pay-option pay-option-disabled' : 'pay-option'}>
              <input
                type="radio"
                name={methodName}
                value={each.id}
                checked={method === each.id}
                disabled={Boolean(each.reason)}
                aria-describedby={each.reason ? `${methodName}-${each.id}-reason` : undefined}
                onChange={() => setMethod(each.id)}
              />
              <span>
                {each.label}
                <span className="pay-option-detail">{each.detail}</span>
                {each.reason ? (
                  <span id={`${methodName}-${each.id}-reason`} className="pay-option-detail pay-option-reason">
                    {each.reason}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </fieldset>
        {method === 'crypto' ? (
          <p className="pay-note">
            Cryptocurrency payments are not anonymous: we record the payment against your account, and the transaction is public on the blockchain.
          </p>
        ) : null}
        <p className="pay-secure">
          You pay on the payment provider’s secure page. The credit appears in your balance once the provider confirms the payment, usually within a minute.
        </p>
        <button type="submit" className="button button-primary" disabled={Boolean(busy) || !method}>
          {busy ?? 'Continue to payment'}
        </button>
        <div role="status" aria-live="polite" className={busy ? 'pay-status' : 'visually-hidden'}>
          {busy ? 'Taking you to the secure payment page…' : ''}
        </div>
      </form>
      <section className="card" aria-labelledby="funds-balance-heading">
        <h2 id="funds-balance-heading">Credit balance</h2>
        <p className="big-number">{money(customer.creditBalance)}</p>
        <p className="muted small">
          Credit pays each new invoice automatically when it is issued. You can also apply it to an unpaid invoice from the invoice’s page, or pay several
          invoices with it from My Invoices.
        </p>
        <p className="small">
          <Link to="/account">See your credit history</Link> on your Account page.
        </p>
      </section>
    </div>
  );
}
