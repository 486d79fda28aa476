import type { Customer } from '../domain/customer.js';
import type { CustomerRepository } from '../ports/customer-repository.js';
import type { Page } from '../ports/page.js';

/**
 * Staff's customer list, newest first, searchable by part of a name or email; or (`emailBouncing`)
 * only the customers whose email bounces, as the dashboard's count links to it.
 */
export function listCustomers(
  deps: { customers: CustomerRepository },
  input: { search?: string; emailBouncing?: boolean; cursor?: string; limit: number },
): Promise<Page<Customer>> {
  const { emailBouncing, ...request } = input;
  return emailBouncing ? deps.customers.listWithBouncingEmail(request) : deps.customers.list(request);
}
