import type { CalendarDate } from '../domain/calendar-date.js';
import type { Service } from '../domain/service.js';
import type { ServicePeriod } from '../domain/service-cycle.js';
import type { OutboxEffect } from './outbox.js';

/** A period of a service that has been invoiced, and the invoice that bills it. */
export interface InvoicedPeriod {
  readonly serviceId: string;
  readonly period: ServicePeriod;
  readonly invoiceId: string;
}

/**
 * Issuing a service's invoice for one period, passed to `InvoiceRepository.createNumbered`: the
 * service, billed (its due date moved on), is written on condition the stored one is still
 * `expectedVersion`, and the period is claimed once, in the same transaction as the invoice. A period
 * already claimed, or a service changed meanwhile, cancels the whole creation with a ConflictError.
 */
export interface ServiceBilling {
  readonly billed: Service;
  readonly expectedVersion: number;
  readonly period: ServicePeriod;
}

export interface ServiceRepository {
  /** Stores a new service. */
  create(service: Service): Promise<void>;
  get(id: string): Promise<Service | undefined>;
  /**
   * Writes a changed service on condition that the stored one is still `expectedVersion`, with the
   * change's `effects` in the same transaction.
   * @throws ConflictError when it was changed meanwhile
   */
  save(service: Service, expectedVersion: number, effects?: readonly OutboxEffect[]): Promise<void>;
  /** The customer's services, cancelled ones included, oldest first. */
  listByCustomer(customerId: string): Promise<Service[]>;
  /** Every service still billed (not cancelled) whose next due date is on or before `through`, earliest first. */
  listDueThrough(through: CalendarDate): Promise<Service[]>;
  /** The still-billed service with the earliest next due date (the local clock's next event). */
  firstDue(): Promise<Service | undefined>;
  /** The periods of a service invoiced so far, oldest first. */
  listInvoicedPeriods(serviceId: string): Promise<InvoicedPeriod[]>;
  /** The service periods an invoice bills (none for an invoice staff wrote by hand). */
  periodsOfInvoice(invoiceId: string): Promise<InvoicedPeriod[]>;
}
