import type { Service } from '../domain/service.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { ServiceRepository } from '../ports/service-repository.js';
import { findSignedInCustomer } from './steps/find-signed-in-customer.js';

/** The signed-in customer's services, with their states and next due dates, oldest first. */
export async function listMyServices(
  deps: { customers: CustomerRepository; services: ServiceRepository },
  input: { userSub: string },
): Promise<Service[]> {
  const customer = await findSignedInCustomer(deps.customers, input.userSub);
  return deps.services.listByCustomer(customer.id);
}
