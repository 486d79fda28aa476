import { useId, useState } from 'react';
import { describeError } from '../api/api-error.js';
import type { Invoice } from '../api/types.js';
import { formatMoney, formatTimestamp } from '../format.js';
import { afterCreditNote } from './credit-payment.js';
import type { PaymentContext, PaymentMethod } from './payment-methods.js';

/** What a tab says when the invoice was paid elsewhere before its payment started. */
export const ALREADY_PAID = 'This invoice was already paid. Nothing was taken now.';

/** What a pending payment waits for, by how it is made; the page shows the invoice paid once it completes. */
export function pendingText(invoice: Pick<Invoice, 'pendingMethod'>): string {
  switch (invoice.pendingMethod) {
    case 'crypto':
      return 'A payment for this invoice is pending: a cryptocurrency payment waits for network confirmations, which can take tens of minutes. This page shows it paid once it completes.';
    case 'paypal':
      return 'A payment for this invoice is pending: PayPal holds your payment until it clears (an eCheck can take a few days). Please do not pay again: this page shows it paid once it completes.';
    default:
      return 'A payment for this invoice is pending: this page shows it paid once it completes. Please do not pay again.';
  }
}

/**
 * "Pay with …", the chosen method's own options and the Pay button, at the invoice's top right. Its
 * states: nothing to pay (paid, void, nothing due), a payment in progress, no method usable by this
 * account (disabled, with a note), and a choice among the methods offered (the first until the
 * customer picks one; when the picked one goes, as credit does once spent, the first again). While the
 * account has credit, each other method says what would remain to pay after it. A payment that went
 * through, or is being processed, is handed to the page (`onPaid`, `onProcessing`); a refusal is
 * shown here.
 */
export function PaymentSelector({
  context,
  methods,
  onPaid,
  onProcessing,
}: {
  context: PaymentContext;
  methods: PaymentMethod[];
  /** `already`: the invoice was paid before this attempt, another way; nothing was taken now. */
  onPaid?: (invoice: Invoice | undefined, already?: boolean) => void;
  onProcessing?: () => void;
}) {
  const { invoice } = context;
  const usable = (method: PaymentMethod) => !method.unavailable?.(context);
  const [picked, setPicked] = useState<PaymentMethod['id']>();
  const [choices, setChoices] = useState<Partial<Record<PaymentMethod['id'], unknown>>>({});
  const [busy, setBusy] = useState<string>();
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
  if (invoice.paymentPending) return <Panel heading="Payment" text={pendingText(invoice)} />;

  // The first usable method, until the customer picks one (a method may become usable once its details load).
  const chosen = picked !== undefined && methods.some((method) => method.id === picked && usable(method)) ? picked : methods.find(usable)?.id;
  const selected = methods.find((method) => method.id === chosen);
  const afterCredit = afterCreditNote(context);
  const choice = selected ? choices[selected.id] : undefined;
  const ready = Boolean(selected) && (!selected?.Options || choice !== undefined);

  const pay = async () => {
    if (!selected || !ready) return;
    setBusy('Please wait…');
    setStatus({ text: 'Starting your payment…', error: false });
    try {
      const outcome = await selected.pay(context, choice);
      if (outcome.kind === 'redirect') {
        // Stay busy: the browser is leaving for the provider's page.
        setBusy('Opening the secure page…');
        setStatus({ text: 'Taking you to the secure payment page…', error: false });
        window.location.assign(outcome.url);
        return;
      }
      setBusy(undefined);
      if (outcome.kind === 'failed') setStatus({ text: outcome.message, error: true });
      else if (outcome.kind === 'already_paid') {
        setStatus({ text: ALREADY_PAID, error: false });
        onPaid?.(outcome.invoice, true);
      } else if (outcome.kind === 'processing') {
        setStatus({ text: 'Your payment is being processed.', error: false });
        onProcessing?.();
      } else {
        setStatus({ text: outcome.message ?? 'Payment received. Thank you.', error: false });
        onPaid?.(outcome.invoice);
      }
    } catch (error) {
      setBusy(undefined);
      setStatus({ text: describeError(error), error: true });
    }
  };

  const Options = selected?.Options;
  return (
    <section className="pay-panel" aria-labelledby={`${name}-heading`} aria-busy={busy ? true : undefined}>
      <h2 id={`${name}-heading`} className="pay-heading">
        Pay {formatMoney(invoice.amountDue, invoice.currency)}
      </h2>
      {invoice.amountPaid > 0 ? (
        <p className="pay-note pay-partly-paid">
          Partly paid: {formatMoney(invoice.amountPaid, invoice.currency)} received, {formatMoney(invoice.amountDue, invoice.currency)} still due.
        </p>
      ) : null}
      <fieldset className="pay-methods" disabled={methods.length === 0 || Boolean(busy)} aria-describedby={methods.length ? undefined : noteId}>
        <legend>Pay with</legend>
        {methods.length === 0 ? (
          <p id={noteId} className="pay-note">
            Online payment is not available yet for this account. To pay this invoice, please contact us.
          </p>
        ) : (
          methods.map((method) => {
            const reason = method.unavailable?.(context);
            return (
              <label key={method.id} className={reason ? 'pay-option pay-option-disabled' : 'pay-option'}>
                <input
                  type="radio"
                  name={name}
                  value={method.id}
                  checked={chosen === method.id}
                  disabled={Boolean(reason)}
                  aria-describedby={reason ? `${name}-${method.id}-reason` : undefined}
                  onChange={() => setPicked(method.id)}
                />
                <span>
                  {method.label}
                  {method.describe ? <span className="pay-option-detail">{method.describe(context)}</span> : null}
                  {afterCredit && method.id !== 'credit' && !reason ? <span className="pay-option-detail pay-option-after">{afterCredit}</span> : null}
                  {reason ? (
                    <span id={`${name}-${method.id}-reason`} className="pay-option-detail pay-option-reason">
                      {reason}
                    </span>
                  ) : null}
                </span>
              </label>
            );
          })
        )}
      </fieldset>
      {selected && Options ? (
        <Options
          key={selected.id}
          context={context}
          choice={choice}
          disabled={Boolean(busy)}
          onChoice={(next) => setChoices((all) => ({ ...all, [selected.id]: next }))}
        />
      ) : null}
      <button type="button" className="button button-primary button-block" disabled={!ready || Boolean(busy)} onClick={pay}>
        {busy ?? selected?.actionLabel ?? 'Pay'}
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
