import type { Customer } from '../domain/customer.js';
import { NotFoundError } from '../domain/errors.js';
import type { CustomerRepository } from '../ports/customer-repository.js';

export async function getCustomer(deps: { customers: CustomerRepository }, input: { customerId: string }): Promise<Customer> {
  const customer = await deps.customers.get(input.customerId);
  if (!customer) throw new NotFoundError('Customer');
  return customer;
}
