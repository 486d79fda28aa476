import { useState } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { Invoice } from '../../api/types.js';
import { FormError } from '../../components/form-error.js';
import { InvoiceView } from '../../components/invoice-view.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading, StatusMessage } from '../../components/status.js';
import { takeFlash } from '../../flash.js';
import { formatMoney, invoiceNumber } from '../../format.js';
import { Link } from '../../router.js';
import { useResource } from '../../use-resource.js';
import { CryptoCheckouts } from './crypto-checkouts.js';

/** An invoice as staff see it, with Void (after a confirmation) while it is unpaid. */
export function AdminInvoicePage({ id }: { id: string }) {
  const [message, setMessage] = useState(takeFlash);
  const [voided, setVoided] = useState<Invoice>();
  const loaded = useResource(() => api.get<Invoice>(`/v1/admin/invoices/${encodeURIComponent(id)}`), [id]);

  if (loaded.state !== 'ready') {
    return (
      <Page title="Invoice" actions={<Link to="/admin/invoices" className="back-link">← All invoices</Link>}>
        {loaded.state === 'loading' ? <Loading what="the invoice" /> : <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      </Page>
    );
  }

  // The staff invoice carries its customer's name and email; the answer to Void does not repeat them.
  const invoice = voided ? { ...voided, customer: voided.customer ?? loaded.data.customer } : loaded.data;
  return (
    <Page
      title={`Invoice ${invoiceNumber(invoice.number)}`}
      actions={
        <Link to={`/admin/customers/${encodeURIComponent(invoice.customerId)}`} className="back-link">
          ← {invoice.customer?.name ?? 'Customer'}
        </Link>
      }
    >
      <StatusMessage message={message} />
      <InvoiceView
        invoice={invoice}
        asideLabel="Staff actions"
        asideLastOnPhones
        aside={
          invoice.status === 'open' || invoice.status === 'draft' ? (
            <VoidInvoice
              invoice={invoice}
              onVoided={(updated) => {
                setVoided(updated);
                setMessage(`Invoice ${invoiceNumber(updated.number)} is void. The customer no longer owes it.`);
              }}
            />
          ) : undefined
        }
      />
      <CryptoCheckouts invoiceId={invoice.id} />
    </Page>
  );
}

function VoidInvoice({ invoice, onVoided }: { invoice: Invoice; onVoided: (invoice: Invoice) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onVoided(await api.post<Invoice>(`/v1/admin/invoices/${encodeURIComponent(invoice.id)}/void`));
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <section className="pay-panel" aria-labelledby="void-heading">
      <h2 id="void-heading" className="pay-heading">
        Void this invoice
      </h2>
      <p className="small">Voiding cancels the invoice: {formatMoney(invoice.amountDue, invoice.currency)} will no longer be owed. This cannot be undone.</p>
      <FormError message={error} />
      {confirming ? (
        <div className="confirm" role="group" aria-label="Confirm voiding">
          <p className="confirm-question">Void invoice {invoiceNumber(invoice.number)}?</p>
          <button type="button" className="button button-danger" onClick={confirm} disabled={busy} autoFocus>
            {busy ? 'Voiding…' : 'Yes, void invoice'}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" className="button button-danger-outline button-block" onClick={() => setConfirming(true)}>
          Void invoice…
        </button>
      )}
    </section>
  );
}
