import { api } from '../api/client.js';
import type { Customer, Invoice } from '../api/types.js';
import { DownloadPdf } from '../components/download-pdf.js';
import { InvoiceView } from '../components/invoice-view.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { invoiceNumber } from '../format.js';
import { availablePaymentMethods } from '../payments/payment-methods.js';
import { PaymentSelector } from '../payments/payment-selector.js';
import { Link } from '../router.js';
import { useResource } from '../use-resource.js';

/** One invoice, with the payment selector at its top right and the PDF download. */
export function InvoicePage({ id }: { id: string }) {
  const invoice = useResource(() => api.get<Invoice>(`/v1/invoices/${encodeURIComponent(id)}`), [id]);
  // The account decides which payment methods are offered; an invoice still shows without it.
  const account = useResource(() => api.get<Customer>('/v1/me').catch(() => undefined), []);

  const back = (
    <Link to="/invoices" className="back-link">
      ← All invoices
    </Link>
  );

  if (invoice.state !== 'ready') {
    return (
      <Page title="Invoice" actions={back}>
        {invoice.state === 'loading' ? <Loading what="the invoice" /> : <ErrorNotice error={invoice.error} onRetry={invoice.reload} />}
      </Page>
    );
  }

  const data = invoice.data;
  const context = { invoice: data, account: account.state === 'ready' ? account.data : undefined };
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
      <InvoiceView invoice={data} aside={<PaymentSelector context={context} methods={availablePaymentMethods(context)} />} />
    </Page>
  );
}
