import type { Customer } from '../../domain/customer.js';
import { NotFoundError, UnauthenticatedError } from '../../domain/errors.js';
import type { CustomerRepository } from '../../ports/customer-repository.js';

/**
 * The customer record the signed-in user is bound to.
 * @throws NotFoundError for a user bound to none (staff)
 * @throws UnauthenticatedError when staff have turned the customer's sign-in off: their token, still
 *   unexpired, no longer counts
 */
export async function findSignedInCustomer(customers: CustomerRepository, userSub: string): Promise<Customer> {
  const customer = await customers.findByUserSub(userSub);
  if (!customer) throw new NotFoundError('Customer');
  if (customer.signInDisabledAt) throw new UnauthenticatedError('Your sign-in has been turned off. Please contact us.');
  return customer;
}
