import type { Customer } from '../../domain/customer.js';
import { NotFoundError } from '../../domain/errors.js';
import type { CustomerRepository } from '../../ports/customer-repository.js';

/** The customer record the signed-in user is bound to; a user with none (staff) gets "not found". */
export async function findSignedInCustomer(customers: CustomerRepository, userSub: string): Promise<Customer> {
  const customer = await customers.findByUserSub(userSub);
  if (!customer) throw new NotFoundError('Customer');
  return customer;
}
