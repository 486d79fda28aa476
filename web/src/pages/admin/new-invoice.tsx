import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { CreateInvoiceRequest, Customer, IssuedInvoice } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { flash } from '../../flash.js';
import { formatMoney, invoiceNumber, lineAmount, parseMoney } from '../../format.js';
import { serverDay } from '../../server-clock.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useResource } from '../../use-resource.js';
import { ChooseCustomerToBill } from './choose-customer.js';

interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
}

let nextKey = 1;
const blankLine = (): LineDraft => ({ key: nextKey++, description: '', quantity: '1', unitPrice: '' });

/** A new invoice for one customer (from ?customerId=, or chosen here first): line items in the customer's currency and a due date. */
export function NewInvoicePage() {
  const { query } = useLocation();
  const customerId = query.get('customerId') ?? '';
  const customer = useResource(
    () => (customerId ? api.get<Customer>(`/v1/admin/customers/${encodeURIComponent(customerId)}`) : Promise.resolve(undefined)),
    [customerId],
  );

  if (!customerId) return <ChooseCustomerToBill />;
  if (customer.state !== 'ready' || !customer.data) {
    return (
      <Page title="New invoice">
        {customer.state === 'error' ? <ErrorNotice error={customer.error} onRetry={customer.reload} /> : <Loading what="the customer" />}
      </Page>
    );
  }
  return <InvoiceForm customer={customer.data} />;
}

function InvoiceForm({ customer }: { customer: Customer }) {
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine()]);
  const [dueDate, setDueDate] = useState(() => serverDay(14));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const linesId = useId();
  const currency = customer.currency;

  const update = (key: number, change: Partial<LineDraft>) => setLines((all) => all.map((line) => (line.key === key ? { ...line, ...change } : line)));
  const remove = (key: number) => setLines((all) => all.filter((line) => line.key !== key));

  const parsed = lines.map((line) => ({ quantity: Number(line.quantity.replace(',', '.')), unitAmount: parseMoney(line.unitPrice, currency) }));
  // The server's own rule (functions/domain/money.ts): exact integer arithmetic, rounded once per line.
  const amounts = parsed.map((line) => lineAmount(line.unitAmount, line.quantity, currency));
  const total = amounts.reduce<number>((sum, amount) => sum + (amount ?? 0), 0);

  const problem = (): string | undefined => {
    for (const [index, line] of lines.entries()) {
      const n = index + 1;
      const values = parsed[index]!;
      if (!line.description.trim()) return `Line ${n}: describe what is billed.`;
      if (!(values.quantity > 0)) return `Line ${n}: the quantity must be a number above zero.`;
      if (!Number.isFinite(values.unitAmount)) return `Line ${n}: the unit price must be an amount in ${currency}, like 12.50.`;
      if (values.unitAmount < 0) return `Line ${n}: the unit price cannot be negative.`;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return 'Choose a due date.';
    if (dueDate < serverDay(0)) return 'The due date cannot be in the past.';
    return undefined;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = problem();
    if (invalid) {
      setError(invalid);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const invoice = await api.post<IssuedInvoice>('/v1/admin/invoices', {
        customerId: customer.id,
        dueDate,
        lines: lines.map((line, index) => ({ description: line.description.trim(), quantity: parsed[index]!.quantity, unitAmount: parsed[index]!.unitAmount })),
      } satisfies CreateInvoiceRequest);
      const warnings = invoice.warnings.map((warning) => ` Note: ${warning.message}`).join('');
      flash(`Invoice ${invoiceNumber(invoice.number)} was created for ${customer.name}.${warnings}`);
      navigate(`/admin/invoices/${encodeURIComponent(invoice.id)}`);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <Page
      title={`New invoice for ${customer.name}`}
      actions={
        <Link to={`/admin/customers/${encodeURIComponent(customer.id)}`} className="back-link">
          ← {customer.name}
        </Link>
      }
    >
      <form className="form form-wide card" onSubmit={submit} noValidate>
        <FormError message={error} />
        <fieldset className="lines-editor" aria-describedby={`${linesId}-hint`}>
          <legend>Line items</legend>
          <p id={`${linesId}-hint`} className="hint">
            Prices in {currency}, before any credit. The customer sees these lines on the invoice and the PDF.
          </p>
          {lines.map((line, index) => (
            <div className="line-row" key={line.key} role="group" aria-label={`Line ${index + 1}`}>
              <Field className="line-description" label="Description" value={line.description} onChange={(e) => update(line.key, { description: e.target.value })} required />
              <Field className="line-quantity" label="Quantity" inputMode="decimal" value={line.quantity} onChange={(e) => update(line.key, { quantity: e.target.value })} required />
              <Field className="line-price" label={`Unit price (${currency})`} inputMode="decimal" value={line.unitPrice} onChange={(e) => update(line.key, { unitPrice: e.target.value })} required />
              <div className="line-amount">
                <span className="visually-hidden">Line amount: </span>
                {amounts[index] === undefined ? '—' : formatMoney(amounts[index]!, currency)}
              </div>
              {lines.length > 1 ? (
                <button type="button" className="button button-quiet line-remove" onClick={() => remove(line.key)} aria-label={`Remove line ${index + 1}`}>
                  Remove
                </button>
              ) : null}
            </div>
          ))}
          <button type="button" className="button button-secondary" onClick={() => setLines((all) => [...all, blankLine()])}>
            Add a line
          </button>
        </fieldset>
        <Field label="Due date" type="date" value={dueDate} min={serverDay(0)} onChange={(e) => setDueDate(e.target.value)} required hint="If the customer has automatic card billing, the card is charged on this day." />
        <p className="form-total" aria-live="polite">
          Total: <strong>{formatMoney(total, currency)}</strong>
        </p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create invoice'}
        </button>
      </form>
    </Page>
  );
}
