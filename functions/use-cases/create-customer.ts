import { type Customer, newCustomer, normalizeEmail } from '../domain/customer.js';
import { ConflictError } from '../domain/errors.js';
import type { CurrencyCode } from '../domain/money.js';
import type { Clock } from '../ports/clock.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { UserDirectory } from '../ports/user-directory.js';

/**
 * Staff add a customer: the sign-in service invites them by email (with a temporary password), and the
 * customer record is bound to that user. If the record cannot be written, the invitation is withdrawn
 * so that no orphan account is left behind.
 */
export async function createCustomer(
  deps: { customers: CustomerRepository; users: UserDirectory; ids: IdGenerator; clock: Clock },
  input: { email: string; name: string; currency: CurrencyCode },
): Promise<Customer> {
  const email = normalizeEmail(input.email);
  if (await deps.customers.findByEmail(email)) throw new ConflictError(`A customer with the email ${email} already exists.`);
  const draft = newCustomer({ ...input, email, id: deps.ids.newId('cus'), userSub: 'pending', createdAt: deps.clock.now() });
  const { userSub } = await deps.users.inviteUser({ email, name: draft.name });
  const customer = { ...draft, userSub };
  try {
    await deps.customers.create(customer);
  } catch (error) {
    await deps.users.deleteUser(email);
    throw error;
  }
  return customer;
}
