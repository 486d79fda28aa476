import { NotFoundError } from '../../domain/errors.js';
import type { Service } from '../../domain/service.js';
import type { ServiceRepository } from '../../ports/service-repository.js';

/** The customer's service; another customer's looks exactly like none (404, never 403). */
export async function findCustomerService(services: ServiceRepository, customerId: string, serviceId: string): Promise<Service> {
  const service = await services.get(serviceId);
  if (!service || service.state.customerId !== customerId) throw new NotFoundError('Service');
  return service;
}
