import type { ReactNode } from 'react';
import type { Invoice, InvoicePayment } from '../api/types.js';
import { cardLabel } from '../payments/card-name.js';
import { METHOD_NAMES, OFFLINE_KIND_NAMES, refundDestinationName } from '../payments/payment-names.js';
import { daysOverdueText, formatDate, formatMoney, formatQuantity, formatTimestamp } from '../format.js';
import { AutomaticCharge } from './automatic-charge.js';
import { DueDate } from './due-date.js';
import { StatusBadge } from './status-badge.js';

/**
 * An invoice as a document: dates, parties, line items and totals, with an aside (the payment
 * selector, or staff actions) at its top right. Shared by customers and staff.
 */
export function InvoiceView({
  invoice,
  aside,
  asideLabel = 'Payment',
  asideLastOnPhones,
  paymentActions,
  forCustomer = false,
}: {
  invoice: Invoice;
  aside?: ReactNode;
  asideLabel?: string;
  asideLastOnPhones?: boolean;
  /** Staff: what can be done with each payment (refund it), in a last column of the payments table. */
  paymentActions?: (payment: InvoicePayment) => ReactNode;
  /** The customer's own invoice (wording addressed to them). */
  forCustomer?: boolean;
}) {
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  return (
    <div className={asideLastOnPhones ? 'invoice-layout invoice-layout-aside-last' : 'invoice-layout'}>
      {aside ? (
        <aside className="invoice-aside" aria-label={asideLabel}>
          {aside}
        </aside>
      ) : null}
      <article className="invoice card" aria-label="Invoice details">
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge invoice={invoice} />
            </dd>
          </div>
          <div>
            <dt>Issued</dt>
            <dd>{formatDate(invoice.issueDate)}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>
              <DueDate invoice={invoice} />
            </dd>
          </div>
          {invoice.automaticCharge && invoice.status === 'open' ? (
            <div>
              <dt>Automatic charge</dt>
              <dd>
                <AutomaticCharge invoice={invoice} forCustomer={forCustomer} />
              </dd>
            </div>
          ) : null}
          {invoice.paidAt ? (
            <div>
              <dt>Paid</dt>
              <dd>{formatTimestamp(invoice.paidAt)}</dd>
            </div>
          ) : null}
          {invoice.voidedAt ? (
            <div>
              <dt>Voided</dt>
              <dd>{formatTimestamp(invoice.voidedAt)}</dd>
            </div>
          ) : null}
        </dl>
        <Parties invoice={invoice} />
        <h2 className="section-heading">Items</h2>
        <table className="table lines">
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Qty
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line, index) => (
              <tr key={index}>
                <td>{line.description}</td>
                <td className="num">{formatQuantity(line.quantity)}</td>
                <td className="num">{money(line.unitAmount)}</td>
                <td className="num">{money(line.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="totals">
          <div>
            <dt>Total</dt>
            <dd>{money(invoice.total)}</dd>
          </div>
          <div>
            <dt>Amount paid</dt>
            <dd>{money(invoice.amountPaid)}</dd>
          </div>
          {invoice.amountRefunded > 0 ? (
            <div>
              <dt>Refunded</dt>
              <dd>{money(invoice.amountRefunded)}</dd>
            </div>
          ) : null}
          {invoice.status === 'void' ? null : (
            <div className="totals-due">
              <dt>Amount due</dt>
              <dd>{money(invoice.amountDue)}</dd>
            </div>
          )}
        </dl>
        <p className="muted small">
          Amounts in {invoice.currency}. {invoice.status !== 'open' ? '' : invoice.daysOverdue > 0
            ? `It was due on ${formatDate(invoice.dueDate)}: ${daysOverdueText(invoice.daysOverdue)}.`
            : `Due by ${formatDate(invoice.dueDate)}.`}
        </p>
        <Payments invoice={invoice} actions={paymentActions} />
      </article>
    </div>
  );
}

/** How an invoice was paid: each payment received for it, with its card, its reference and any refunds. */
function Payments({ invoice, actions }: { invoice: Invoice; actions?: ((payment: InvoicePayment) => ReactNode) | undefined }) {
  if (!invoice.payments?.length) return null;
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  return (
    <section aria-labelledby="invoice-payments">
      <h2 id="invoice-payments" className="section-heading">
        Payments
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Paid with</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Note</th>
            {actions ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {invoice.payments.map((payment, index) => (
            <tr key={index}>
              <td>{formatTimestamp(payment.receivedAt)}</td>
              <td>{paidWith(payment)}</td>
              <td className="num">{money(payment.amount)}</td>
              <td>{paymentNote(payment, money)}</td>
              {actions ? <td className="payment-action">{actions(payment)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function paidWith(payment: InvoicePayment): string {
  if (payment.card) return cardLabel(payment.card);
  if (payment.offline) return `${OFFLINE_KIND_NAMES[payment.offline.kind]}, ref. ${payment.offline.reference}, received ${formatDate(payment.offline.receivedOn)}`;
  return METHOD_NAMES[payment.method];
}

function paymentNote(payment: InvoicePayment, money: (amount: number) => string): string {
  const refunds = payment.refunds.map((r) =>
    r.status === 'pending'
      ? `A refund of ${money(r.amount)} ${refundDestinationName(payment.method, r.destination)} is on its way.`
      : `${money(r.amount)} refunded ${refundDestinationName(payment.method, r.destination)} on ${formatTimestamp(r.refundedAt ?? r.requestedAt)}${r.by ? ` by ${r.by}` : ''}.`);
  return [baseNote(payment, money), ...refunds, feeNote(payment)].filter(Boolean).join(' ');
}

/** Staff only: what the card processor kept, and whether it is over the provider's threshold. */
function feeNote(payment: InvoicePayment): string {
  const fee = payment.processorFee;
  if (!fee) return '';
  const share = `${(fee.basisPoints / 100).toFixed(2)}%`;
  const converted = fee.exchangeRate !== undefined ? `, converted at ${fee.exchangeRate}` : '';
  return `Processor fee ${formatMoney(fee.amount, fee.currency)} (${share} of ${formatMoney(fee.settledAmount, fee.currency)}${converted})${fee.flagged ? ': high fee, suggest another way to pay.' : '.'}`;
}

function baseNote(payment: InvoicePayment, money: (amount: number) => string): string {
  const refund = payment.refund;
  if (refund?.status === 'refunded') return `Not owed: ${money(refund.amount)} refunded to the card.`;
  if (refund?.status === 'pending') return `Not owed: a refund of ${money(refund.amount)} is on its way.`;
  if (refund?.status === 'failed') return `Not owed: kept as account credit (the refund did not go through${refund.failure ? `: ${refund.failure}` : ''}).`;
  // One payment for several invoices: the rest went to the other invoices, not to credit.
  if (payment.invoicesPaid) return `${money(payment.appliedToInvoice)} of one payment for ${payment.invoicesPaid} invoices.`;
  const credit = payment.amount - payment.appliedToInvoice;
  return credit > 0 ? `${money(credit)} became account credit.` : '';
}

function Parties({ invoice }: { invoice: Invoice }) {
  if (!invoice.seller && !invoice.customer) return null;
  return (
    <div className="parties">
      {invoice.seller ? (
        <section aria-labelledby="invoice-from">
          <h2 id="invoice-from" className="party-heading">
            From
          </h2>
          <address>
            <strong>{invoice.seller.name}</strong>
            {invoice.seller.addressLines.map((line, index) => (
              <span key={index}>{line}</span>
            ))}
            <span>{invoice.seller.email}</span>
          </address>
        </section>
      ) : null}
      {invoice.customer ? (
        <section aria-labelledby="invoice-to">
          <h2 id="invoice-to" className="party-heading">
            Bill to
          </h2>
          <address>
            <strong>{invoice.customer.name}</strong>
            {(invoice.customer.billingAddress ?? []).map((line, index) => (
              <span key={index}>{line}</span>
            ))}
            {invoice.customer.taxId ? <span>Tax ID: {invoice.customer.taxId}</span> : null}
            <span>{invoice.customer.email}</span>
          </address>
        </section>
      ) : null}
    </div>
  );
}
