import type { Customer } from '../domain/customer.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { UserDirectory } from '../ports/user-directory.js';
import { getCustomer } from './get-customer.js';

/**
 * Staff turn a customer's sign-in off (someone left the company, the account was abused) or on again.
 *
 * Off: the customer record is marked first, so the API refuses the customer's tokens with 401 from
 * that moment (a token stays valid at API Gateway for up to an hour); then the sign-in service
 * refuses their password and revokes their tokens. If the sign-in service fails, the mark is undone
 * and the error thrown, so staff see one state, never half of one. On: the reverse order, so the
 * customer is never let into the API while the sign-in service still refuses them.
 * Their invoices, credit and payments are untouched; automatic charges go on.
 *
 * @throws NotFoundError when there is no such customer (or sign-in account)
 * @throws ProviderUnavailableError when the sign-in service could not be reached (nothing changed)
 */
export async function setCustomerSignIn(
  deps: { customers: CustomerRepository; users: UserDirectory; clock: Clock },
  input: { customerId: string; enabled: boolean },
): Promise<Customer> {
  const customer = await getCustomer(deps, input);
  if (input.enabled === !customer.signInDisabledAt) return customer;
  if (input.enabled) {
    await deps.users.setSignInEnabled(customer.email, true);
    return deps.customers.update(customer.id, { signInDisabledAt: null });
  }
  const disabled = await deps.customers.update(customer.id, { signInDisabledAt: deps.clock.now().toISOString() });
  try {
    await deps.users.setSignInEnabled(customer.email, false);
  } catch (error) {
    await deps.customers.update(customer.id, { signInDisabledAt: null });
    throw error;
  }
  return disabled;
}
