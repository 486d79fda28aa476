import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Customer, Invoice, InvoicePage, UpdateCustomerRequest } from '../../api/types.js';
import { BillingDetailsForm } from '../../components/billing-details-form.js';
import { EmailBounceNote } from '../../components/email-bounce-banner.js';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading, StatusMessage } from '../../components/status.js';
import { takeFlash } from '../../flash.js';
import { formatMoney, formatTimestamp } from '../../format.js';
import { Link } from '../../router.js';
import { useResource } from '../../use-resource.js';
import { usePaged } from '../../use-paged.js';
import { InvoiceList } from '../invoices.js';
import { withQuery } from '../../url.js';
import { CustomerCredit } from './customer-credit.js';
import { CustomerSignIn } from './customer-sign-in.js';
import { CustomerServices } from './customer-services.js';
import { ResendInvitation } from './resend-invitation.js';

/**
 * One customer: details, the billing details their invoices print, their account credit (grant or
 * remove it with a reason; its history with who, when and why), their services (add, cancel) and
 * their invoices, with "New invoice" and "Resend invitation".
 */
export function AdminCustomerPage({ id }: { id: string }) {
  const [message, setMessage] = useState(takeFlash);
  const customer = useResource(() => api.get<Customer>(`/v1/admin/customers/${encodeURIComponent(id)}`), [id]);
  const [updated, setUpdated] = useState<Customer>();
  const invoices = usePaged<Invoice>(
    (cursor) => api.get<InvoicePage>(withQuery('/v1/admin/invoices', { customerId: id, cursor })),
    [id],
  );
  const back = (
    <Link to="/admin/customers" className="back-link">
      ← Customers
    </Link>
  );

  if (customer.state !== 'ready') {
    return (
      <Page title="Customer" actions={back}>
        {customer.state === 'loading' ? <Loading what="the customer" /> : <ErrorNotice error={customer.error} onRetry={customer.reload} />}
      </Page>
    );
  }

  const data = updated?.id === customer.data.id ? updated : customer.data;
  return (
    <Page
      title={data.name}
      actions={
        <>
          {back}
          <Link to={withQuery('/admin/invoices/new', { customerId: data.id })} className="button button-primary">
            New invoice
          </Link>
        </>
      }
    >
      <StatusMessage message={message} />
      <section className="card" aria-labelledby="customer-details">
        <h2 id="customer-details">Details</h2>
        <dl className="facts">
          <div>
            <dt>Email</dt>
            <dd>
              {data.email}
              {data.emailBounced ? <EmailBounceNote bounced={data.emailBounced} who="staff" /> : null}
            </dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{data.currency}</dd>
          </div>
          <div>
            <dt>Customer since</dt>
            <dd>{formatTimestamp(data.createdAt)}</dd>
          </div>
          {data.creditBalance !== undefined ? (
            <div>
              <dt>Credit balance</dt>
              <dd>{formatMoney(data.creditBalance, data.currency)}</dd>
            </div>
          ) : null}
        </dl>
        <ResendInvitation
          customer={data}
          onSent={(sentTo) => setMessage(`A new invitation is on its way to ${sentTo}. Its temporary password works for 7 days.`)}
        />
        <CustomerSignIn
          customer={data}
          onChanged={(changed, text) => {
            setUpdated(changed);
            setMessage(text);
          }}
        />
      </section>
      <section className="card section" aria-labelledby="customer-billing">
        <h2 id="customer-billing">Billing details</h2>
        <BillingDetailsForm
          customer={data}
          whose="their"
          save={(details) => api.patch<Customer>(`/v1/admin/customers/${encodeURIComponent(data.id)}`, details satisfies UpdateCustomerRequest)}
          onSaved={setUpdated}
        />
      </section>
      <CustomerCredit
        customer={data}
        onChanged={(changed, text) => {
          setUpdated(changed);
          setMessage(text);
        }}
      />
      <CustomerServices customer={data} onChanged={setMessage} />
      <section aria-labelledby="customer-invoices" className="section">
        <h2 id="customer-invoices">Invoices</h2>
        <InvoiceList
          list={invoices}
          emptyText={`${data.name} has no invoices yet.`}
          emptyHint="Choose “New invoice” to bill them; they find it under My Invoices when they sign in."

          caption={`Invoices of ${data.name}, newest first`}
          linkTo={(invoice) => `/admin/invoices/${encodeURIComponent(invoice.id)}`}
        />
      </section>
    </Page>
  );
}
