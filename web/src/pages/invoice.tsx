import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { CryptoCurrencies, Customer, Invoice } from '../api/types.js';
import { DownloadPdf } from '../components/download-pdf.js';
import { InvoiceView } from '../components/invoice-view.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading, StatusMessage } from '../components/status.js';
import { invoiceNumber } from '../format.js';
import { availablePaymentMethods } from '../payments/payment-methods.js';
import { ALREADY_PAID, PaymentSelector } from '../payments/payment-selector.js';
import { confirmPayPalReturn, confirmPayPalSubscription } from '../payments/paypal-payment.js';
import { Link, navigate, useLocation } from '../router.js';
import { withQuery } from '../url.js';
import { usePoll } from '../use-poll.js';
import { useResource } from '../use-resource.js';

/**
 * One invoice, with the payment selector at its top right and the PDF download. Back from the card
 * page (`?payment=processing`) it waits for the payment to be confirmed (by the provider's webhook),
 * asking again every second for up to a minute; `?payment=cancelled` says that nothing was paid.
 * Back from PayPal (`?payment=paypal&token=<order>`) it asks the server to capture the approved order
 * (once; PayPal's webhook may have done it already), then shows the invoice paid, or `?payment=pending`
 * while PayPal holds the payment (an eCheck), watching it until it clears or is denied.
 * Back from the crypto checkout (`?payment=crypto`) it follows the payment for up to half an hour,
 * every few seconds: seen and pending while the network confirms it, then paid (or partly paid).
 * The selector waits for the account (its credit decides what is offered); after a payment here the
 * account is read again, quietly, so the credit left shows without the selector losing its message.
 */
export function InvoicePage({ id }: { id: string }) {
  const { query } = useLocation();
  const returned = query.get('payment');
  const invoice = useResource(() => api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`), [id]);
  // The account decides which payment methods are offered; an invoice still shows without it.
  const account = useResource(() => api.get<Customer>('/v1/me').catch(() => undefined), []);
  // Whether crypto is offered, and to this customer; without an answer the option is not shown.
  const crypto = useResource(() => api.get<CryptoCurrencies>('/v1/crypto/currencies').catch(() => undefined), []);
  const [freshAccount, setFreshAccount] = useState<Customer>();
  const [updated, setUpdated] = useState<Invoice>();
  const [paidHere, setPaidHere] = useState(false);
  // Paid elsewhere (another tab, the automatic charge) before this page's payment started: nothing was taken here.
  const [paidBefore, setPaidBefore] = useState(false);
  const [attempt, setAttempt] = useState(0);

  const orderId = returned === 'paypal' ? query.get('token') : null;
  useEffect(() => {
    if (!orderId) return;
    const here = `/invoices/${encodeURIComponent(id)}`;
    confirmPayPalReturn(id, orderId).then(async (result) => {
      // The invoice as the capture left it: the page's first read may have come before it (not yet pending).
      const latest = result.status === 'paid' ? result.invoice : await api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`).catch(() => undefined);
      if (latest) setUpdated(latest);
      const next = result.status === 'paid' ? 'received' : result.status === 'processing' ? 'pending' : 'declined';
      navigate(withQuery(here, { payment: next }), { replace: true });
    }, () => navigate(withQuery(here, { payment: 'pending' }), { replace: true }));
  }, [id, orderId]);

  // Back from approving a PayPal subscription: the server asks PayPal where it stands; its first payment pays the invoice by webhook.
  const subscriptionId = query.get('subscription') === 'paypal' ? query.get('subscription_id') : null;
  useEffect(() => {
    if (!subscriptionId) return;
    const here = `/invoices/${encodeURIComponent(id)}`;
    const waitForPayment = () => navigate(withQuery(here, { payment: 'subscription' }), { replace: true });
    confirmPayPalSubscription(id, subscriptionId).then(waitForPayment, waitForPayment);
  }, [id, subscriptionId]);

  const loaded = invoice.state === 'ready' ? invoice.data : undefined;
  const data = updated?.id === id ? updated : loaded;
  const waiting = (returned === 'processing' || returned === 'subscription') && data !== undefined && data.status === 'open' && data.amountDue > 0;
  const held = returned === 'pending' && data !== undefined && data.status === 'open';
  const poll = usePoll(
    () => api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`),
    (latest) => latest.status !== 'open' || latest.amountDue <= 0 || (held && !latest.paymentPending),
    { active: (waiting || held) && loaded !== undefined, key: `${id}:${attempt}:${returned}`, intervalMs: held ? 2000 : 1000, timeoutMs: held ? 300_000 : 60_000 },
  );
  if (poll.state === 'done' && poll.value !== updated) setUpdated(poll.value);
  // A crypto payment moves in steps (seen, confirmed, or part paid): each step shows, and the following goes on.
  const following = returned === 'crypto' && data !== undefined && data.status === 'open' && data.amountDue > 0;
  const step = data ? `${data.status}:${data.paymentPending}:${data.amountPaid}` : '';
  const cryptoPoll = usePoll(
    () => api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`),
    (latest) => `${latest.status}:${latest.paymentPending}:${latest.amountPaid}` !== step,
    { active: following && loaded !== undefined, key: `${id}:${step}`, intervalMs: 3000, timeoutMs: 30 * 60_000 },
  );
  if (cryptoPoll.state === 'done' && cryptoPoll.value !== updated) setUpdated(cryptoPoll.value);

  const back = (
    <Link to="/invoices" className="back-link">
      ← All invoices
    </Link>
  );

  if (!data) {
    return (
      <Page title="Invoice" actions={back}>
        {invoice.state === 'error' ? <ErrorNotice error={invoice.error} onRetry={invoice.reload} /> : <Loading what="the invoice" />}
      </Page>
    );
  }

  const context = {
    invoice: data,
    account: freshAccount ?? (account.state === 'ready' ? account.data : undefined),
    crypto: crypto.state === 'ready' ? crypto.data : undefined,
  };
  const timedOut = waiting && poll.state === 'timed-out';
  const confirmer = returned === 'subscription' ? 'PayPal' : 'The card processor';
  const aside = waiting ? (
    <section className="pay-panel" aria-label="Payment">
      {timedOut ? (
        <>
          <p className="pay-done">{confirmer} has not confirmed your payment yet. Please do not pay again: this invoice updates once it does.</p>
          <button type="button" className="button button-secondary button-block" onClick={() => setAttempt((n) => n + 1)}>
            Check again
          </button>
        </>
      ) : (
        <p className="pay-done pay-waiting">
          <span className="spinner" aria-hidden="true" />
          Waiting for {confirmer === 'PayPal' ? 'PayPal' : 'the card processor'} to confirm your payment.
        </p>
      )}
    </section>
  ) : account.state === 'loading' ? (
    <Loading what="the ways to pay" />
  ) : (
    <PaymentSelector
      context={context}
      methods={availablePaymentMethods(context)}
      onPaid={(paid, already) => {
        if (already) setPaidBefore(true);
        else setPaidHere(true);
        if (paid) setUpdated(paid);
        // Read again: the payment's answer has no payment history, and the credit left has changed.
        api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`).then(setUpdated, () => invoice.reload());
        api.get<Customer>('/v1/me').then(setFreshAccount, () => undefined);
      }}
      onProcessing={() => navigate(withQuery(`/invoices/${encodeURIComponent(id)}`, { payment: 'processing' }), { replace: true })}
    />
  );

  return (
    <Page
      title={`Invoice ${invoiceNumber(data.number)}`}
      actions={
        <>
          {back}
          <DownloadPdf path={`/v1/invoices/${encodeURIComponent(data.id)}/pdf`} fileName={`invoice-${data.number}.pdf`} />
        </>
      }
    >
      <StatusMessage message={progressMessage(returned, data, { paidHere, paidBefore, timedOut: timedOut || cryptoPoll.state === 'timed-out' })} tone={data.status === 'paid' ? 'success' : 'info'} />
      <InvoiceView invoice={data} aside={aside} forCustomer />
    </Page>
  );
}

/** What the live region above the invoice says about a payment made from this page or the card page. */
function progressMessage(returned: string | null, invoice: Invoice, state: { paidHere: boolean; paidBefore: boolean; timedOut: boolean }): string | undefined {
  const paid = invoice.status === 'paid' || (invoice.status === 'open' && invoice.amountDue <= 0);
  if (returned === 'processing') {
    if (paid) return 'Your payment was received. This invoice is paid. Thank you.';
    if (invoice.status !== 'open') return undefined;
    if (state.timedOut) return 'Your payment is still being processed. This can take a few minutes; open this invoice again later to see it paid.';
    return 'Processing your payment…';
  }
  if (returned === 'subscription') {
    if (paid) return 'Your PayPal subscription is set up, and its first payment paid this invoice. It pays this service automatically from now on.';
    if (invoice.status !== 'open') return undefined;
    return 'Your PayPal subscription is set up. Waiting for its first payment…';
  }
  if (returned === 'crypto') {
    if (paid) return 'Your payment was received. This invoice is paid. Thank you.';
    if (invoice.status !== 'open') return undefined;
    if (invoice.paymentPending) return 'Your cryptocurrency payment is pending: it is waiting for network confirmations, which can take tens of minutes. This page updates by itself.';
    if (invoice.amountPaid > 0) return 'Part of this invoice is paid. The rest is still due.';
    if (state.timedOut) return 'We have not seen a cryptocurrency payment yet. If you sent one, it shows here once the network sees it.';
    return 'Waiting for your cryptocurrency payment to arrive…';
  }
  if (returned === 'cancelled' && !paid) return 'You left the card page without paying. No payment was made.';
  if (returned === null && invoice.status === 'open' && !paid && (invoice.service?.subscription?.status === 'active')) {
    return 'This service is paid by your PayPal subscription: its next payment pays this invoice.';
  }
  if (returned === 'paypal') return paid ? 'Your payment was received. This invoice is paid. Thank you.' : 'Confirming your PayPal payment…';
  if (returned === 'received' && paid) return 'Your payment was received. This invoice is paid. Thank you.';
  if (returned === 'pending') {
    if (paid) return 'Your PayPal payment cleared. This invoice is paid. Thank you.';
    if (invoice.status === 'open' && invoice.paymentPending) return 'Payment pending: PayPal is holding your payment until it clears (an eCheck can take a few days). Please do not pay again.';
    if (invoice.status === 'open') return 'PayPal did not complete the payment. Nothing was taken; you can pay again.';
  }
  if (returned === 'declined' && !paid) return 'PayPal did not complete the payment. Nothing was taken; you can pay again.';
  if (state.paidBefore) return ALREADY_PAID;
  if (state.paidHere && paid) return 'Your payment was received. This invoice is paid. Thank you.';
  return undefined;
}
