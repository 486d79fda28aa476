import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { Invoice, InvoicePayment, RefundPaymentRequest, RefundResult } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatMoney, formatTimestamp, minorDigits, parseMoney } from '../../format.js';
import { cardLabel } from '../../payments/card-name.js';
import { METHOD_NAMES, refundDestinationName } from '../../payments/payment-names.js';
import { amountText, newRequestId } from './request-id.js';

type Destination = RefundPaymentRequest['destination'];

const sentenceCase = (phrase: string) => phrase.charAt(0).toUpperCase() + phrase.slice(1);

/** What is left to refund of a payment, to each destination (staff's view of the payment carries it). */
export function refundable(payment: InvoicePayment): { toOriginal: number; toCredit: number } {
  const left = payment.refundable ?? { toOriginal: 0, toCredit: 0 };
  // A payment from account credit only goes back to credit.
  return payment.method === 'credit' ? { toOriginal: 0, toCredit: left.toCredit } : left;
}

/** The "Refund…" button of one payment in the history, shown while something is left to refund. */
export function RefundButton({ payment, onChoose }: { payment: InvoicePayment; onChoose: (payment: InvoicePayment) => void }) {
  const left = refundable(payment);
  if (!payment.externalId || (left.toOriginal <= 0 && left.toCredit <= 0)) return null;
  return (
    <button type="button" className="button button-secondary" onClick={() => onChoose(payment)}>
      Refund…
    </button>
  );
}

/**
 * Refund all or part of one payment: back where it came from (the card or PayPal, through the
 * processor), or to account credit. The amount starts at what is left; the request id is kept while
 * this form is open, so a second click or a retry after a lost answer refunds once.
 */
export function RefundPayment({
  invoice, payment, onDone, onCancel,
}: { invoice: Invoice; payment: InvoicePayment; onDone: (message: string) => void; onCancel: () => void }) {
  const left = refundable(payment);
  const [destination, setDestination] = useState<Destination>(left.toOriginal > 0 ? 'original' : 'credit');
  const limit = destination === 'original' ? left.toOriginal : left.toCredit;
  const [amount, setAmount] = useState(() => amountText(limit, minorDigits(invoice.currency)));
  const [requestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const what = payment.card ? cardLabel(payment.card) : METHOD_NAMES[payment.method];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoney(amount, invoice.currency);
    if (!Number.isFinite(minor) || minor <= 0) return setError(`Enter the amount to refund in ${invoice.currency}, greater than zero, like 12.50.`);
    if (minor > limit) return setError(`At most ${money(limit)} is left to refund ${refundDestinationName(payment.method, destination)}.`);
    setBusy(true);
    setError(undefined);
    try {
      const result = await api.post<RefundResult>(
        `/v1/admin/payments/${encodeURIComponent(payment.method)}/${encodeURIComponent(payment.externalId!)}/refunds`,
        { amount: minor, destination, requestId } satisfies RefundPaymentRequest,
      );
      onDone(`${money(result.refund.amount)} refunded ${refundDestinationName(payment.method, destination)}.`);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <form className="pay-panel section" aria-labelledby="refund-heading" onSubmit={submit} noValidate>
      <h2 id="refund-heading" className="pay-heading">
        Refund {what} payment of {formatTimestamp(payment.receivedAt)}
      </h2>
      <p className="small">
        Paid {money(payment.amount)}; left to refund: {money(left.toOriginal)}
        {left.toCredit !== left.toOriginal ? ` (${money(left.toCredit)} of it to credit)` : ''}. A paid invoice stays paid and shows what was refunded.
      </p>
      <FormError message={error} />
      <fieldset className="pay-methods" disabled={busy}>
        <legend>Refund</legend>
        {payment.method !== 'credit' ? (
          <label className="pay-option">
            <input type="radio" name="refund-destination" value="original" checked={destination === 'original'} disabled={left.toOriginal <= 0} onChange={() => setDestination('original')} />
            <span>{sentenceCase(refundDestinationName(payment.method, 'original'))}</span>
          </label>
        ) : null}
        <label className="pay-option">
          <input type="radio" name="refund-destination" value="credit" checked={destination === 'credit'} disabled={left.toCredit <= 0} onChange={() => setDestination('credit')} />
          <span>To account credit</span>
        </label>
      </fieldset>
      <Field label={`Amount to refund (${invoice.currency})`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required autoFocus hint={`At most ${money(limit)}.`} />
      <button type="submit" className="button button-danger" disabled={busy}>
        {busy ? 'Refunding…' : 'Refund'}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}
