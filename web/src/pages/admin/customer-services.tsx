import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { describeError } from '../../api/api-error.js';
import type { CancelServiceRequest, CreateServiceRequest, Customer, Service, ServiceList } from '../../api/types.js';
import { Field } from '../../components/field.js';
import { FormError } from '../../components/form-error.js';
import { Empty, ErrorNotice, Loading } from '../../components/status.js';
import { moneyInputProblem, parseMoney } from '../../format.js';
import { serverDay } from '../../server-clock.js';
import { ServiceTable } from '../../services/service-table.js';
import { useResource } from '../../use-resource.js';

/**
 * A customer's services for staff: the list with their states and next due dates, ending one now or
 * at the end of its period (and taking that back before it ends), and a form to add one (name, price,
 * cycle, first due date).
 */
export function CustomerServices({ customer, onChanged }: { customer: Customer; onChanged: (message: string) => void }) {
  const path = `/v1/admin/customers/${encodeURIComponent(customer.id)}/services`;
  const services = useResource(() => api.get<ServiceList>(path), [path]);
  const [error, setError] = useState<string>();

  const cancel = async (service: Service, when: CancelServiceRequest['when']) => {
    setError(undefined);
    try {
      await api.post<Service>(`${path}/${encodeURIComponent(service.id)}/cancel`, { when } satisfies CancelServiceRequest);
      services.reload();
      onChanged(when === 'now' ? `${service.name} is cancelled.` : `${service.name} ends when its paid period ends; no further invoice is issued.`);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  const keep = async (service: Service) => {
    setError(undefined);
    try {
      await api.post<Service>(`${path}/${encodeURIComponent(service.id)}/keep`, {});
      services.reload();
      onChanged(`${service.name} goes on; its next invoice is issued as usual.`);
    } catch (failure) {
      setError(describeError(failure));
    }
  };

  return (
    <section className="card section" aria-labelledby="customer-services">
      <h2 id="customer-services">Services</h2>
      <FormError message={error} />
      {services.state === 'loading' ? <Loading what="the services" /> : null}
      {services.state === 'error' ? <ErrorNotice error={services.error} onRetry={services.reload} /> : null}
      {services.state === 'ready' && services.data.items.length === 0 ? <Empty>{customer.name} has no services yet.</Empty> : null}
      {services.state === 'ready' && services.data.items.length > 0 ? (
        <ServiceTable
          services={services.data.items}
          caption={`Services of ${customer.name}`}
          actions={(service) => service.status === 'cancelled' ? null : (
            <div className="service-actions">
              {service.cancelAtPeriodEnd ? (
                <button type="button" className="button button-secondary" onClick={() => void keep(service)}>
                  Keep service
                </button>
              ) : (
                <button type="button" className="button button-secondary" onClick={() => void cancel(service, 'at_period_end')}>
                  Cancel at period end
                </button>
              )}
              <button type="button" className="button button-danger" onClick={() => void cancel(service, 'now')}>
                Cancel now
              </button>
            </div>
          )}
        />
      ) : null}
      <NewService customer={customer} path={path} onCreated={(service) => {
        services.reload();
        onChanged(`${service.name} added. Its first invoice is issued ahead of ${service.nextDueDate}.`);
      }} />
    </section>
  );
}

function NewService({ customer, path, onCreated }: { customer: Customer; path: string; onCreated: (service: Service) => void }) {
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [cycle, setCycle] = useState<CreateServiceRequest['cycle']>('monthly');
  const [nextDueDate, setNextDueDate] = useState(serverDay(14));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setError('Enter the service’s name.');
    const problem = moneyInputProblem(price, customer.currency);
    const minor = parseMoney(price, customer.currency);
    if (problem || !(minor > 0)) return setError(problem ?? `Enter a price in ${customer.currency} greater than zero.`);
    setBusy(true);
    setError(undefined);
    try {
      const service = await api.post<Service>(path, { name: name.trim(), price: minor, cycle, nextDueDate } satisfies CreateServiceRequest);
      setName('');
      setPrice('');
      onCreated(service);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Add a service">
      <h3 className="section-heading">Add a service</h3>
      <FormError message={error} />
      <Field label="Service name" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} required />
      <Field label={`Price per cycle (${customer.currency})`} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} required />
      <div className="field">
        <label htmlFor="service-cycle">Cycle</label>
        <select id="service-cycle" value={cycle} onChange={(e) => setCycle(e.target.value as CreateServiceRequest['cycle'])}>
          <option value="monthly">Monthly</option>
          <option value="quarterly">Quarterly</option>
          <option value="yearly">Yearly</option>
        </select>
      </div>
      <Field
        label="First due date" type="date" value={nextDueDate} onChange={(e) => setNextDueDate(e.target.value)} required
        hint="It bills on this day of the month (the month’s last day when shorter); each invoice is issued a few days ahead."
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add service'}
      </button>
    </form>
  );
}
