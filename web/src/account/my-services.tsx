import { useState } from 'react';
import { api } from '../api/client.js';
import { describeError } from '../api/api-error.js';
import type { Service, ServiceList } from '../api/types.js';
import { FormError } from '../components/form-error.js';
import { ErrorNotice, Loading, StatusMessage } from '../components/status.js';
import { formatDate } from '../format.js';
import { ServiceTable } from '../services/service-table.js';
import { useResource } from '../use-resource.js';

/**
 * The customer's services on the Account page: states, next due dates, the period the next invoice
 * pays for; and "Cancel at end of period", after which no further invoice is issued, and "Keep this
 * service", which takes that back before the period ends.
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

  if (services.state === 'ready' && services.data.items.length === 0) return null;
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
    </section>
  );
}
