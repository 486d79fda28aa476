import { useState } from 'react';
import { AutomaticBilling } from '../account/automatic-billing.js';
import { ChangePassword } from '../account/change-password.js';
import { MyServices } from '../account/my-services.js';
import { api } from '../api/client.js';
import type { Customer, UpdateMeRequest } from '../api/types.js';
import type { CognitoSettings } from '../auth/cognito.js';
import { BillingDetailsForm } from '../components/billing-details-form.js';
import { EmailBounceNote } from '../components/email-bounce-banner.js';
import { Page } from '../components/page.js';
import { ErrorNotice, Loading } from '../components/status.js';
import { CreditHistory } from '../credit/credit-history.js';
import { FundsReturn } from '../credit/funds-return.js';
import { formatMoney, formatTimestamp } from '../format.js';
import { Link, useLocation } from '../router.js';
import { useResource } from '../use-resource.js';

/**
 * Profile, services, billing details, credit balance and its history, automatic card billing and the password.
 * Add Funds returns here (`?funds=processing|cancelled`): the page then waits for the new balance.
 */
export function AccountPage({ cognito }: { cognito: CognitoSettings }) {
  const me = useResource(() => api.get<Customer>('/v1/me'), []);
  return (
    <Page title="Account">
      {me.state === 'loading' ? <Loading what="your account" /> : null}
      {me.state === 'error' ? <ErrorNotice error={me.error} onRetry={me.reload} /> : null}
      {me.state === 'ready' ? <AccountDetails initial={me.data} cognito={cognito} /> : null}
    </Page>
  );
}

function AccountDetails({ initial, cognito }: { initial: Customer; cognito: CognitoSettings }) {
  const [customer, setCustomer] = useState(initial);
  const [historyVersion, setHistoryVersion] = useState(0);
  const { query } = useLocation();
  return (
    <>
      <FundsReturn
        returned={query.get('funds')}
        onBalance={(latest) => {
          setCustomer(latest);
          setHistoryVersion((n) => n + 1);
        }}
      />
      <div className="cards">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <dl className="facts facts-stacked">
            <div>
              <dt>Name</dt>
              <dd>{customer.name}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>
                {customer.email}
                {customer.emailBounced ? <EmailBounceNote bounced={customer.emailBounced} who="customer" /> : null}
              </dd>
            </div>
            <div>
              <dt>Billing currency</dt>
              <dd>{customer.currency}</dd>
            </div>
            <div>
              <dt>Customer since</dt>
              <dd>{formatTimestamp(customer.createdAt)}</dd>
            </div>
          </dl>
          <p className="muted small">To change your name or email address, please contact us.</p>
        </section>
        <section className="card" aria-labelledby="credit-heading">
          <h2 id="credit-heading">Credit balance</h2>
          <p className="big-number">{formatMoney(customer.creditBalance ?? 0, customer.currency)}</p>
          <p className="muted small">Credit is applied to your next invoices automatically.</p>
          <Link to="/add-funds" className="button button-secondary">
            Add Funds
          </Link>
        </section>
        <AutomaticBilling initial={customer} />
      </div>
      <MyServices />
      <CreditHistory version={historyVersion} />
      <div className="cards cards-pair">
        <section className="card" aria-labelledby="billing-heading">
          <h2 id="billing-heading">Billing details</h2>
          <BillingDetailsForm
            customer={customer}
            whose="your"
            save={(details) => api.patch<Customer>('/v1/me', details satisfies UpdateMeRequest)}
            onSaved={setCustomer}
          />
        </section>
        <ChangePassword cognito={cognito} />
      </div>
    </>
  );
}
