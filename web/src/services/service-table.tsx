import type { ReactNode } from 'react';
import type { Service } from '../api/types.js';
import { formatDate, formatMoney } from '../format.js';

const CYCLE_NAMES: Record<Service['cycle'], string> = { monthly: 'month', quarterly: 'quarter', yearly: 'year' };
const STATUS_NAMES: Record<Service['status'], string> = { active: 'Active', suspended: 'Suspended', cancelled: 'Cancelled' };

/** A service's state in words: "Active", "Active, ends 31 Mar 2027", "Suspended (invoice overdue)". */
export function serviceState(service: Service): string {
  if (service.status === 'suspended') return 'Suspended (invoice overdue)';
  if (service.status === 'active' && service.cancelAtPeriodEnd) return `Active, ends ${formatDate(service.nextDueDate)}`;
  return STATUS_NAMES[service.status];
}

/**
 * Services in a table: the plan, its price per cycle, its state, the next due date and the period the
 * next invoice pays for. `actions` adds a last column (cancel buttons).
 */
export function ServiceTable({ services, caption, actions }: { services: readonly Service[]; caption: string; actions?: (service: Service) => ReactNode }) {
  return (
    <table className="table table-cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Service</th>
          <th scope="col" className="num">Price</th>
          <th scope="col">State</th>
          <th scope="col">Next due</th>
          <th scope="col">Next period</th>
          <th scope="col">Paid through</th>
          {actions ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
        </tr>
      </thead>
      <tbody>
        {services.map((service) => (
          <tr key={service.id} data-service-id={service.id}>
            <td data-label="Service">{service.name}</td>
            <td data-label="Price" className="num">
              {formatMoney(service.price, service.currency)} / {CYCLE_NAMES[service.cycle]}
            </td>
            <td data-label="State">{serviceState(service)}</td>
            <td data-label="Next due">{service.status === 'cancelled' || service.cancelAtPeriodEnd ? '—' : formatDate(service.nextDueDate)}</td>
            <td data-label="Next period">{service.status === 'cancelled' || service.cancelAtPeriodEnd ? '—' : service.nextPeriod}</td>
            <td data-label="Paid through">{service.paidThrough ? formatDate(service.paidThrough) : '—'}</td>
            {actions ? <td data-label="Actions">{actions(service)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
