import { useId, useState } from 'react';
import { describeError } from '../api/api-error.js';
import { api } from '../api/client.js';
import type { Customer, Invoice, PayTogetherRequest, PayTogetherResult } from '../api/types.js';
import { FormError } from '../components/form-error.js';
import { formatMoney } from '../format.js';
import { rememberReturn } from './awaiting-return.js';
import { type InvoiceSelection, MAX_INVOICES_TOGETHER } from './invoice-selection.js';

type Method = PayTogetherRequest['method'];

/**
 * Mass pay on My Invoices: the ticked invoices' running total and "Pay selected", in one payment by
 * card (one card page for the total; the invoices show paid once the webhook confirms it) or from
 * account credit when the balance covers the total (all at once, or nothing). `onPaid` gets the
 * invoices credit paid; a card payment leaves for the card page, remembering what it waits for.
 */
export function PaySelected({
  selection,
  listed,
  currency,
  account,
  onPaid,
}: {
  selection: InvoiceSelection;
  /** The invoices on the page, for "Select all unpaid". */
  listed: Invoice[];
  currency: string;
  account: Customer | undefined;
  onPaid: (result: Extract<PayTogetherResult, { status: 'paid' }>) => void;
}) {
  const { selected } = selection;
  const [picked, setPicked] = useState<Method>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const heading = useId();
  const name = useId();
  const money = (amount: number) => formatMoney(amount, currency);

  const total = selected.reduce((sum, invoice) => sum + invoice.amountDue, 0);
  const balance = account?.creditBalance ?? 0;
  const creditCovers = selected.length > 0 && balance >= total;
  const method: Method = picked === 'credit' && !creditCovers ? 'card' : picked ?? (creditCovers ? 'credit' : 'card');
  const more = listed.filter((invoice) => selection.selectable(invoice) && !selection.isSelected(invoice)).length;
  const count = selected.length === 1 ? '1 invoice' : `${selected.length} invoices`;

  const pay = async () => {
    setError(undefined);
    setBusy(method === 'card' ? 'Opening the secure page…' : 'Paying…');
    const invoiceIds = selected.map((invoice) => invoice.id);
    try {
      const result = await api.post<PayTogetherResult>('/v1/payments', { invoiceIds, method } satisfies PayTogetherRequest);
      if (result.status === 'redirect') {
        rememberReturn('batch', { invoiceIds, total: result.total, currency });
        window.location.assign(result.redirectUrl);
        return;
      }
      setBusy(undefined);
      onPaid(result);
    } catch (failure) {
      setBusy(undefined);
      setError(describeError(failure));
    }
  };

  return (
    <section className="card mass-pay" aria-labelledby={heading} aria-busy={busy ? true : undefined}>
      <h2 id={heading}>Pay several invoices together</h2>
      <p className="hint">Tick the unpaid invoices to pay them in one payment, at most {MAX_INVOICES_TOGETHER} at a time.</p>
      <p role="status" aria-live="polite" className="mass-pay-total">
        {selected.length === 0 ? 'No invoices selected.' : `${count} selected: ${money(total)} in total.`}
        {selection.full ? ` That is the most one payment can pay: pay these, then the rest.` : ''}
      </p>
      <div className="mass-pay-actions">
        {more > 0 && !selection.full ? (
          <button type="button" className="button button-secondary" onClick={() => selection.selectAll(listed)} disabled={Boolean(busy)}>
            Select all unpaid
          </button>
        ) : null}
        {selected.length > 0 ? (
          <button type="button" className="button button-quiet" onClick={selection.clear} disabled={Boolean(busy)}>
            Clear selection
          </button>
        ) : null}
      </div>
      {selected.length > 0 ? (
        <fieldset className="pay-methods" disabled={Boolean(busy)}>
          <legend>Pay with</legend>
          <label className="pay-option">
            <input type="radio" name={name} value="card" checked={method === 'card'} onChange={() => setPicked('card')} />
            <span>
              Card
              <span className="pay-option-detail">One payment of {money(total)} on Stripe’s secure page</span>
            </span>
          </label>
          {balance > 0 ? (
            <label className={creditCovers ? 'pay-option' : 'pay-option pay-option-disabled'}>
              <input type="radio" name={name} value="credit" checked={method === 'credit'} disabled={!creditCovers} onChange={() => setPicked('credit')} />
              <span>
                Account credit
                <span className="pay-option-detail">
                  Balance: {money(balance)}
                  {creditCovers ? '' : ': not enough for this total'}
                </span>
              </span>
            </label>
          ) : null}
        </fieldset>
      ) : null}
      <FormError message={error} />
      {selected.length > 0 ? (
        <button type="button" className="button button-primary" onClick={pay} disabled={Boolean(busy)}>
          {busy ?? 'Pay selected'}
        </button>
      ) : null}
    </section>
  );
}
