import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { Invoice, RecordPaymentRequest } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { formatMoney, minorDigits, parseMoney } from '../../format.js';
import { serverDay } from '../../server-clock.js';
import { OFFLINE_KIND_NAMES } from '../../payments/payment-names.js';
import { amountText, newRequestId } from './request-id.js';

type Kind = RecordPaymentRequest['kind'];
const KINDS = Object.keys(OFFLINE_KIND_NAMES) as Kind[];

/**
 * "Record payment": money the customer paid outside the system (a bank transfer, cash, a cheque),
 * with its reference and the day it arrived. Whatever is beyond the amount due becomes account credit.
 */
export function RecordPayment({ invoice, onRecorded }: { invoice: Invoice; onRecorded: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [kind, setKind] = useState<Kind>('bank_transfer');
  const [reference, setReference] = useState('');
  const [receivedOn, setReceivedOn] = useState(() => serverDay(0));
  const [requestId, setRequestId] = useState(newRequestId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** The amount staff were warned is more than due: pressed again, its excess becomes credit (a typo must not do it silently). */
  const [warnedExcessOf, setWarnedExcessOf] = useState<number>();
  const money = (minor: number) => formatMoney(minor, invoice.currency);

  const start = () => {
    setAmount(invoice.status === 'open' ? amountText(invoice.amountDue, minorDigits(invoice.currency)) : '');
    setRequestId(newRequestId());
    setError(undefined);
    setWarnedExcessOf(undefined);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const minor = parseMoney(amount, invoice.currency);
    if (!Number.isFinite(minor) || minor <= 0) return setError(`Enter the amount received in ${invoice.currency}, greater than zero, like 12.50.`);
    if (!reference.trim()) return setError('Give the reference: the bank’s reference, the cheque number or the receipt number.');
    const excess = invoice.status === 'open' ? minor - invoice.amountDue : minor;
    if (excess > 0 && warnedExcessOf !== minor) {
      setWarnedExcessOf(minor);
      return setError(`That is ${money(excess)} more than is due. Check the amount; to record it, press Record payment again and the ${money(excess)} becomes account credit.`);
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post<Invoice>(`/v1/admin/invoices/${encodeURIComponent(invoice.id)}/payments`, {
        amount: minor, kind, reference: reference.trim(), receivedOn, requestId,
      } satisfies RecordPaymentRequest);
      setOpen(false);
      setReference('');
      onRecorded(`${OFFLINE_KIND_NAMES[kind]} of ${money(minor)} recorded.${excess > 0 ? ` ${money(excess)} became account credit.` : ''}`);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button button-secondary button-block" onClick={start}>
        Record payment…
      </button>
    );
  }
  return (
    <form className="pay-panel" aria-labelledby="record-payment-heading" onSubmit={submit} noValidate>
      <h2 id="record-payment-heading" className="pay-heading">
        Record a payment
      </h2>
      <p className="small">Money the customer paid outside the system. Anything beyond the amount due becomes account credit.</p>
      <FormError message={error} />
      <Field label={`Amount received (${invoice.currency})`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required autoFocus />
      <fieldset className="pay-methods">
        <legend>How it came</legend>
        {KINDS.map((k) => (
          <label key={k} className="pay-option">
            <input type="radio" name="offline-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>{OFFLINE_KIND_NAMES[k]}</span>
          </label>
        ))}
      </fieldset>
      <Field label="Reference" value={reference} maxLength={200} onChange={(e) => setReference(e.target.value)} required hint="The bank’s reference, the cheque number or the receipt number." />
      <Field label="Received on" type="date" value={receivedOn} min={invoice.issuedAt.slice(0, 10)} max={serverDay(1)} onChange={(e) => setReceivedOn(e.target.value)} required />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Recording…' : 'Record payment'}
      </button>
      <button type="button" className="button button-secondary" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}
