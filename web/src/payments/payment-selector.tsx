import { useId, useState } from 'react';
import { describeError } from '../api/api-error.js';
import { formatMoney, formatTimestamp } from '../format.js';
import type { PaymentContext, PaymentMethod } from './payment-methods.js';

/**
 * "Pay with …" and the Pay button, at the invoice's top right. Its states: nothing to pay (paid, void,
 * nothing due), a payment in progress, no method usable by this account (disabled, with a note), and
 * a choice among the methods offered.
 */
export function PaymentSelector({ context, methods }: { context: PaymentContext; methods: PaymentMethod[] }) {
  const { invoice } = context;
  const [chosen, setChosen] = useState<PaymentMethod['id'] | undefined>(methods[0]?.id);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean }>();
  const noteId = useId();
  const name = useId();

  if (invoice.status === 'void') {
    return <Panel heading="Payment" text="This invoice was voided. There is nothing to pay." />;
  }
  if (invoice.status === 'paid' || invoice.amountDue <= 0) {
    const when = invoice.paidAt ? ` on ${formatTimestamp(invoice.paidAt)}` : '';
    return <Panel heading="Payment" text={`Paid in full${when}. Thank you.`} tone="success" />;
  }
  if (invoice.paymentPending) {
    return <Panel heading="Payment" text="A payment for this invoice is being processed. We will email you when it completes." />;
  }

  const selected = methods.find((method) => method.id === chosen);
  const pay = async () => {
    if (!selected) return;
    setBusy(true);
    setStatus({ text: 'Starting your payment…', error: false });
    try {
      const outcome = await selected.pay(context);
      if (outcome.redirectUrl) window.location.assign(outcome.redirectUrl);
      else setStatus({ text: outcome.message ?? 'Payment received.', error: false });
    } catch (error) {
      setStatus({ text: describeError(error), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pay-panel" aria-labelledby={`${name}-heading`}>
      <h2 id={`${name}-heading`} className="pay-heading">
        Pay {formatMoney(invoice.amountDue, invoice.currency)}
      </h2>
      <fieldset className="pay-methods" disabled={methods.length === 0 || busy} aria-describedby={methods.length ? undefined : noteId}>
        <legend>Pay with</legend>
        {methods.length === 0 ? (
          <p id={noteId} className="pay-note">
            Online payment is not available yet for this account. To pay this invoice, please contact us.
          </p>
        ) : (
          methods.map((method) => (
            <label key={method.id} className="pay-option">
              <input type="radio" name={name} value={method.id} checked={chosen === method.id} onChange={() => setChosen(method.id)} />
              <span>
                {method.label}
                {method.describe ? <span className="pay-option-detail">{method.describe(context)}</span> : null}
              </span>
            </label>
          ))
        )}
      </fieldset>
      <button type="button" className="button button-primary button-block" disabled={!selected || busy} onClick={pay}>
        {busy ? 'Please wait…' : 'Pay'}
      </button>
      <div role="status" aria-live="polite" className={status ? (status.error ? 'pay-status pay-status-error' : 'pay-status') : 'visually-hidden'}>
        {status?.text}
      </div>
    </section>
  );
}

function Panel({ heading, text, tone }: { heading: string; text: string; tone?: 'success' }) {
  return (
    <section className={tone ? `pay-panel pay-panel-${tone}` : 'pay-panel'} aria-label={heading}>
      <p className="pay-done">{text}</p>
    </section>
  );
}
