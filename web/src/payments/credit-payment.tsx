import { useEffect, useId } from 'react';
import { api } from '../api/client.js';
import type { PayInvoiceRequest, PaymentResult } from '../api/types.js';
import { formatMoney, moneyInputProblem, parseMoney } from '../format.js';
import type { PaymentAttempt, PaymentContext, PaymentMethod, PaymentOptionsProps } from './payment-methods.js';

/** All the credit the invoice can use, or an amount the customer typed (in major units, as typed). */
export type CreditChoice = { kind: 'all' } | { kind: 'amount'; text: string };

/** The customer's credit balance, in minor units (0 while the account is not known). */
const balanceOf = ({ account }: PaymentContext) => account?.creditBalance ?? 0;
/** The most credit this invoice can take now: its amount due, or the whole balance if that is less. */
const usableCredit = (context: PaymentContext) => Math.min(balanceOf(context), context.invoice.amountDue);

/**
 * "Apply credit": the account credit pays the invoice at once, all of it the invoice can use or an
 * amount the customer chooses; what remains is paid another way. Offered while the account has credit.
 */
export const creditPayment: PaymentMethod<CreditChoice> = {
  id: 'credit',
  label: 'Account credit',
  actionLabel: 'Apply credit',
  describe: (context) => `Balance: ${formatMoney(balanceOf(context), context.invoice.currency)}`,
  available: (context) => context.invoice.status === 'open' && context.invoice.amountDue > 0 && balanceOf(context) > 0,
  Options: CreditOptions,
  pay: async (context, choice): Promise<PaymentAttempt> => {
    const { invoice } = context;
    let amount: number | undefined;
    if (choice?.kind === 'amount') {
      const problem = amountProblem(choice.text, context);
      if (problem) return { kind: 'failed', message: problem };
      amount = parseMoney(choice.text, invoice.currency);
    }
    const body: PayInvoiceRequest = amount === undefined ? { method: 'credit' } : { method: 'credit', amount };
    const result = await api.post<PaymentResult>(`/v1/invoices/${encodeURIComponent(invoice.id)}/payments`, body);
    if (result.status === 'already_paid') return { kind: 'already_paid', invoice: result.invoice };
    if (result.status !== 'paid' && result.status !== 'partly_paid') {
      return { kind: 'failed', message: 'The credit could not be applied. Please reload the page and try again.' };
    }
    const money = (value: number) => formatMoney(value, invoice.currency);
    const applied = `Applied ${money(result.invoice.amountPaid - invoice.amountPaid)} of credit.`;
    const left = result.invoice.status === 'paid' || result.invoice.amountDue <= 0
      ? 'This invoice is paid.'
      : `${money(result.invoice.amountDue)} remains to pay.`;
    return { kind: 'paid', invoice: result.invoice, message: `${applied} ${left}` };
  },
};

/**
 * Beside each other way to pay, while the account has credit: what would remain to pay after
 * applying it ("$14.99 after your credit"), or that the credit covers it all.
 */
export function afterCreditNote(context: PaymentContext): string | undefined {
  if (!creditPayment.available(context)) return undefined;
  const remaining = context.invoice.amountDue - usableCredit(context);
  return remaining > 0
    ? `${formatMoney(remaining, context.invoice.currency)} after your credit`
    : 'Your credit covers all of it';
}

/** Why `text` is not an amount of credit this invoice can take, or undefined when it is. */
function amountProblem(text: string, context: PaymentContext): string | undefined {
  const currency = context.invoice.currency;
  if (!text.trim()) return 'Enter the amount of credit to apply.';
  const problem = moneyInputProblem(text, currency);
  if (problem) return problem;
  const amount = parseMoney(text, currency);
  const usable = usableCredit(context);
  if (amount > usable) return `You can apply at most ${formatMoney(usable, currency)} to this invoice.`;
  return undefined;
}

function CreditOptions({ context, choice, onChoice, disabled }: PaymentOptionsProps<CreditChoice>) {
  const name = useId();
  const amountId = useId();
  const currency = context.invoice.currency;
  const usable = usableCredit(context);
  const current = choice ?? { kind: 'all' };
  useEffect(() => {
    if (!choice) onChoice({ kind: 'all' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [choice]);

  const problem = current.kind === 'amount' && current.text.trim() ? amountProblem(current.text, context) : undefined;
  return (
    <div className="card-options">
      <fieldset className="pay-methods" disabled={disabled}>
        <legend>How much credit</legend>
        <label className="pay-option">
          <input type="radio" name={name} value="all" checked={current.kind === 'all'} onChange={() => onChoice({ kind: 'all' })} />
          <span>
            All it can use
            <span className="pay-option-detail">{formatMoney(usable, currency)}</span>
          </span>
        </label>
        <label className="pay-option">
          <input
            type="radio"
            name={name}
            value="amount"
            checked={current.kind === 'amount'}
            onChange={() => onChoice({ kind: 'amount', text: current.kind === 'amount' ? current.text : '' })}
          />
          <span>An amount I choose</span>
        </label>
      </fieldset>
      {current.kind === 'amount' ? (
        <div className="field">
          <label htmlFor={amountId}>Credit to apply ({currency})</label>
          <p id={`${amountId}-hint`} className="hint">
            Up to {formatMoney(usable, currency)}.
          </p>
          <input
            id={amountId}
            inputMode="decimal"
            autoComplete="off"
            autoFocus
            value={current.text}
            disabled={disabled}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${amountId}-hint ${amountId}-problem` : `${amountId}-hint`}
            onChange={(event) => onChoice({ kind: 'amount', text: event.target.value })}
          />
          {problem ? (
            <p id={`${amountId}-problem`} className="field-error">
              {problem}
            </p>
          ) : null}
        </div>
      ) : null}
      <p className="pay-secure">
        {usable < context.invoice.amountDue
          ? `Credit is taken from your balance at once. Pay the rest (${formatMoney(context.invoice.amountDue - usable, currency)}) with another method.`
          : 'Credit is taken from your balance at once.'}
      </p>
    </div>
  );
}
