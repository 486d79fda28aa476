import { useState } from 'react';
import { api } from '../api/client.js';
import { describeError } from '../api/api-error.js';
import type { Service, ServiceList } from '../api/types.js';
import { FormError } from '../components/form-error.js';
import { ErrorNotice, Loading, StatusMessage } from '../components/status.js';
import { formatDate } from '../format.js';
import { ServiceTable } from '../services/service-table.js';
import { useResource } from '../use-resource.js';

/** How a subscription's state reads to the customer. */
const SUBSCRIPTION_STATES: Record<NonNullable<Service['subscription']>['status'], string> = {
  pending: 'Waiting for your approval at PayPal',
  active: 'Active',
  suspended: 'Suspended by PayPal (a payment failed)',
  cancelled: 'Cancelled',
};

/**
 * The customer's services on the Account page: states, next due dates, the period the next invoice
 * pays for; and "Cancel at end of period", after which no further invoice is issued, and "Keep this
 * service", which takes that back before the period ends. Below, each service's PayPal subscription:
 * its state, its next payment date, and Cancel (at PayPal first; if PayPal cannot be reached, nothing
 * changes and the customer is told so).
 */
export function MyServices() {
  const services = useResource(() => api.get<ServiceList>('/v1/services'), []);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();

  const cancel = async (service: Service) => {
    if (!window.confirm(`End ${service.name} on ${formatDate(service.nextDueDate)}? No further invoice will be issued for it.`)) return;
    setError(undefined);
    try {
      await api.post<Service>(`/v1/services/${encodeURIComponent(service.id)}/cancel`, {});
      setMessage(`${service.name} ends on ${formatDate(service.nextDueDate)}. No further invoice will be issued for it.`);
      services.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const keep = async (service: Service) => {
    setError(undefined);
    try {
      await api.post<Service>(`/v1/services/${encodeURIComponent(service.id)}/keep`, {});
      setMessage(`${service.name} goes on. Its next invoice is issued as usual.`);
      services.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const cancelSubscription = async (service: Service) => {
    const subscription = service.subscription!;
    if (!window.confirm(`Cancel the PayPal subscription for ${service.name}? Its invoices will then be paid by card or by hand again.`)) return;
    setError(undefined);
    try {
      await api.delete(`/v1/subscriptions/${encodeURIComponent(subscription.id)}`);
      setMessage(`The PayPal subscription for ${service.name} is cancelled. PayPal will not charge it again.`);
      services.reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  if (services.state === 'ready' && services.data.items.length === 0) return null;
  const subscribed = services.state === 'ready' ? services.data.items.filter((s) => s.subscription && s.subscription.status !== 'pending') : [];
  return (
    <section className="card section" aria-labelledby="services-heading">
      <h2 id="services-heading">Services</h2>
      <StatusMessage message={message} />
      <FormError message={error} />
      {services.state === 'loading' ? <Loading what="your services" /> : null}
      {services.state === 'error' ? <ErrorNotice error={services.error} onRetry={services.reload} /> : null}
      {services.state === 'ready' ? (
        <ServiceTable
          services={services.data.items}
          caption="Your services"
          actions={(service) => {
            if (service.status === 'cancelled') return null;
            return service.cancelAtPeriodEnd ? (
              <button type="button" className="button button-secondary" onClick={() => void keep(service)}>
                Keep this service
              </button>
            ) : (
              <button type="button" className="button button-secondary" onClick={() => void cancel(service)}>
                Cancel at end of period
              </button>
            );
          }}
        />
      ) : null}
      {subscribed.length > 0 ? (
        <table className="table" aria-label="PayPal subscriptions">
          <caption>PayPal subscriptions</caption>
          <thead>
            <tr><th scope="col">Service</th><th scope="col">State</th><th scope="col">Next payment</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {subscribed.map((service) => {
              const subscription = service.subscription!;
              const live = subscription.status === 'active' || subscription.status === 'suspended';
              return (
                <tr key={subscription.id}>
                  <td>{service.name}</td>
                  <td>{SUBSCRIPTION_STATES[subscription.status]}{subscription.lastPaymentFailedAt && live ? `; a payment failed on ${formatDate(subscription.lastPaymentFailedAt.slice(0, 10))}` : ''}</td>
                  <td>{live && subscription.nextBillingAt ? formatDate(subscription.nextBillingAt.slice(0, 10)) : '—'}</td>
                  <td>
                    {live ? (
                      <button type="button" className="button button-secondary" onClick={() => void cancelSubscription(service)}>
                        Cancel subscription
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
