import { NotFoundError } from '../domain/errors.js';
import type { Service } from '../domain/service.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { ServiceRepository } from '../ports/service-repository.js';

/** Staff: a customer's services, cancelled ones included, oldest first. @throws NotFoundError */
export async function listServices(
  deps: { customers: CustomerRepository; services: ServiceRepository },
  input: { customerId: string },
): Promise<Service[]> {
  if (!(await deps.customers.get(input.customerId))) throw new NotFoundError('Customer');
  return deps.services.listByCustomer(input.customerId);
}
