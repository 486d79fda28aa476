import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Invoice, InvoiceActivityList, InvoicePayment } from '../../api/types.js';
import { DownloadPdf } from '../../components/download-pdf.js';
import { ConfirmedAction } from '../../components/confirmed-action.js';
import { InvoiceView } from '../../components/invoice-view.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading, StatusMessage } from '../../components/status.js';
import { takeFlash } from '../../flash.js';
import { formatMoney, invoiceNumber } from '../../format.js';
import { Link } from '../../router.js';
import { useResource } from '../../use-resource.js';
import { CryptoCheckouts } from './crypto-checkouts.js';
import { InvoiceActivityLog } from './invoice-activity.js';
import { RecordPayment } from './record-payment.js';
import { RefundButton, RefundPayment } from './refund-payment.js';

/**
 * An invoice as staff see it: Download PDF, Record payment (money received outside the system) and
 * Void (after a confirmation) while it is unpaid, Refund on each payment, and the activity log.
 */
export function AdminInvoicePage({ id }: { id: string }) {
  const [message, setMessage] = useState(takeFlash);
  const [refunding, setRefunding] = useState<InvoicePayment>();
  const path = `/v1/admin/invoices/${encodeURIComponent(id)}`;
  const loaded = useResource(() => api.get<Invoice>(path), [id]);
  const activity = useResource(() => api.get<InvoiceActivityList>(`${path}/activity`), [id]);

  if (loaded.state !== 'ready') {
    return (
      <Page title="Invoice" actions={<Link to="/admin/invoices" className="back-link">← All invoices</Link>}>
        <StatusMessage message={message} />
        {loaded.state === 'loading' ? <Loading what="the invoice" /> : <ErrorNotice error={loaded.error} onRetry={loaded.reload} />}
      </Page>
    );
  }

  const invoice = loaded.data;
  /** After an action: say what happened, and show the invoice and its log as they are now. */
  const changed = (text: string) => {
    setMessage(text);
    setRefunding(undefined);
    loaded.reload();
    activity.reload();
  };
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
        paymentActions={(payment) => <RefundButton payment={payment} onChoose={setRefunding} />}
        aside={
          <div className="staff-actions">
            <DownloadPdf path={`${path}/pdf`} fileName={`invoice-${invoice.number}.pdf`} />
            {invoice.status === 'open' ? <RecordPayment invoice={invoice} onRecorded={changed} /> : null}
            {invoice.status === 'open' || invoice.status === 'draft' ? (
              <VoidInvoice invoice={invoice} onVoided={(updated) => changed(`Invoice ${invoiceNumber(updated.number)} is void. The customer no longer owes it.`)} />
            ) : null}
          </div>
        }
      />
      <CryptoCheckouts invoiceId={invoice.id} />
      {refunding ? (
        <RefundPayment key={`${refunding.method}-${refunding.externalId}`} invoice={invoice} payment={refunding} onDone={changed} onCancel={() => setRefunding(undefined)} />
      ) : null}
      <InvoiceActivityLog log={activity} />
    </Page>
  );
}

function VoidInvoice({ invoice, onVoided }: { invoice: Invoice; onVoided: (invoice: Invoice) => void }) {
  const confirm = async () => {
    onVoided(await api.post<Invoice>(`/v1/admin/invoices/${encodeURIComponent(invoice.id)}/void`));
  };

  return (
    <section className="pay-panel" aria-labelledby="void-heading">
      <h2 id="void-heading" className="pay-heading">
        Void this invoice
      </h2>
      <p className="small">Voiding cancels the invoice: {formatMoney(invoice.amountDue, invoice.currency)} will no longer be owed. This cannot be undone.</p>
      <ConfirmedAction
        label="Void invoice…"
        question={`Void invoice ${invoiceNumber(invoice.number)}?`}
        confirmLabel="Yes, void invoice"
        busyLabel="Voiding…"
        groupLabel="Confirm voiding"
        tone="danger"
        triggerClassName="button button-danger-outline button-block"
        action={confirm}
      />
    </section>
  );
}
