import type { Customer } from '../domain/customer.js';
import { BusinessRuleError } from '../domain/errors.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { UserDirectory } from '../ports/user-directory.js';
import { getCustomer } from './get-customer.js';

/**
 * Staff send a customer's invitation again, typically because its temporary password expired
 * before the customer signed in (after 7 days by default):
 *  1. find the customer (NotFoundError if there is none);
 *  2. ask the sign-in service to email a new temporary password to the customer's email;
 *  3. if the customer has set their own password since, there is nothing to resend: refuse with a
 *     BusinessRuleError that points them to "Forgot password".
 * Returns the customer the invitation went to.
 */
export async function resendInvitation(
  deps: { customers: CustomerRepository; users: UserDirectory },
  input: { customerId: string },
): Promise<Customer> {
  const customer = await getCustomer(deps, input);
  const outcome = await deps.users.resendInvitation(customer.email);
  if (outcome === 'already-active') {
    throw new BusinessRuleError(
      `${customer.name} has already set a password, so there is no invitation to resend. They can use “Forgot password” on the sign-in page.`,
    );
  }
  return customer;
}
